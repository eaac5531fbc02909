/** The per-region Kinesis endpoint: kinesalite, in memory, on the machine's Node, installed by the build with npm. */
package io.tradewind.localaws.kinesis;
