/** The tone sample: {@link io.roomflux.samples.tone.ToneSample}. */
@NullMarked
package io.roomflux.samples.tone;

import org.jspecify.annotations.NullMarked;
