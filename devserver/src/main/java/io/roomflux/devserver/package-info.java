/**
 * Runs a real livekit-server for tests, samples and local development.
 *
 * <p>{@link io.roomflux.devserver.LiveKitDevServer} starts livekit-server as a child process of
 * the JVM, so it shares the JVM's network: inside the throwaway network namespace that
 * {@code netns-java} made (namespace mode), or the machine's own network (plain mode).
 * {@link io.roomflux.devserver.RedisServer} starts a Redis on loopback, so that several servers
 * form one cluster. {@link io.roomflux.devserver.DevServerMain} is the {@code main} of programs
 * (the samples) that tell a story against a server of their own.
 */
@NullMarked
package io.roomflux.devserver;

import org.jspecify.annotations.NullMarked;
