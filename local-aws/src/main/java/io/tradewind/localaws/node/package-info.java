/**
 * Emulators that run on the machine's Node (kinesalite, dynalite): their launcher scripts live in the module's
 * {@code src/main/node}, installed by the build with {@code npm ci}, and each process ends with the JVM that started it.
 */
package io.tradewind.localaws.node;
