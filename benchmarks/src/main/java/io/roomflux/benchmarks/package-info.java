/** Benchmark harnesses: programs that print numbers, not tests. */
package io.roomflux.benchmarks;
