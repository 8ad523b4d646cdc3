package io.roomflux.spring.boot;

import io.roomflux.testkit.BlockHoundContract;

/** Proves that BlockHound watches both test JVMs of this module (unit and integration). */
class BlockHoundIsActiveTest extends BlockHoundContract {}
