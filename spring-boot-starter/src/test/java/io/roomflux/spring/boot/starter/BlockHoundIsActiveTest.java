package io.roomflux.spring.boot.starter;

import io.roomflux.testkit.BlockHoundContract;

/** Proves that BlockHound watches this module's test JVM. */
class BlockHoundIsActiveTest extends BlockHoundContract {}
