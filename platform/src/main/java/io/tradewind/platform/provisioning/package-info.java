/**
 * Creating the streams and tables a service needs when they do not exist yet: what Terraform does on AWS, done by code
 * against the sandbox's emulators. Every call is "ensure": running it again changes nothing.
 */
package io.tradewind.platform.provisioning;
