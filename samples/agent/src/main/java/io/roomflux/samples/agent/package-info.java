/** The agent sample: {@link io.roomflux.samples.agent.GreeterAgent} and {@link io.roomflux.samples.agent.AgentSample}. */
@NullMarked
package io.roomflux.samples.agent;

import org.jspecify.annotations.NullMarked;
