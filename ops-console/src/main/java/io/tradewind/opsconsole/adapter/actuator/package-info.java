/** The regions' services as their actuator endpoints report them: health, stage meters, gates, replication lag. */
package io.tradewind.opsconsole.adapter.actuator;
