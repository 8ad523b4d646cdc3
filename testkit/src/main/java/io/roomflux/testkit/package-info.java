/**
 * Test support (a test-scoped dependency; JUnit 5 is the using project's own): a real
 * livekit-server for tests.
 *
 * <p>{@link io.roomflux.testkit.LiveKitServerExtension} hands one
 * {@link io.roomflux.devserver.LiveKitDevServer}, started once per JVM,
 * to test parameters (its server API is roomflux-server's {@code ServerApi}, which the tests that
 * need it take as a test-scoped dependency of their own).
 * {@link io.roomflux.testkit.LiveKitIntegrationTest} marks the tests that need the server, which
 * the build runs apart from the unit tests. Also shared by the modules' tests:
 * {@link io.roomflux.testkit.BlockHoundContract} (BlockHound is installed in each test JVM) and
 * {@link io.roomflux.testkit.DocSnippets} (documentation shows code the build compiles).
 */
@NullMarked
package io.roomflux.testkit;

import org.jspecify.annotations.NullMarked;
