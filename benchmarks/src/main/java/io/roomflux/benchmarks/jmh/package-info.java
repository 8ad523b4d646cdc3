/**
 * JMH micro-benchmarks of RoomFlux's in-JVM paths: the request round trip through
 * {@code FfiClient} and the decoding and mapping of one core event. Run by
 * {@code benchmarks/jmh.sh}; not tests.
 */
package io.roomflux.benchmarks.jmh;
