package io.roomflux.reactor;

import io.roomflux.testkit.BlockHoundContract;

/** Proves BlockHound is installed in this module's test JVMs, so every other test runs under it. */
class BlockHoundIsActiveTest extends BlockHoundContract {
}
