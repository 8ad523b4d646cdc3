package io.roomflux.samples.agent;

import io.roomflux.testkit.BlockHoundContract;

/** Proves BlockHound is installed in this module's test JVMs, so the sample's tests run under it. */
class BlockHoundIsActiveTest extends BlockHoundContract {
}
