/** The hello-room sample: {@link io.roomflux.samples.hello.HelloRoom}. */
@NullMarked
package io.roomflux.samples.hello;

import org.jspecify.annotations.NullMarked;
