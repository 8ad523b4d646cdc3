/**
 * Runs a real livekit-server for tests.
 *
 * <p>{@link io.roomflux.testkit.LiveKitDevServer} starts {@code scripts/livekit-server.sh run} as a
 * child process of the test JVM, so it shares the JVM's network: inside the throwaway namespace
 * that {@code scripts/netns-java} made (namespace mode), or the machine's own network (plain mode).
 * {@link io.roomflux.testkit.LiveKitServerExtension} hands one such server, started once per JVM,
 * to test parameters, and {@link io.roomflux.testkit.RoomServiceClient} calls its server API.
 * {@link io.roomflux.testkit.SampleMain} is the {@code main} of the samples that run against a
 * server of their own.
 */
@NullMarked
package io.roomflux.testkit;

import org.jspecify.annotations.NullMarked;
