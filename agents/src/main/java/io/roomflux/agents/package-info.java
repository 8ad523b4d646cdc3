/**
 * JVM agent workers for LiveKit's agent dispatch; start with {@link io.roomflux.agents.AgentWorker}.
 */
@NullMarked
package io.roomflux.agents;

import org.jspecify.annotations.NullMarked;
