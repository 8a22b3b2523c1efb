/** Entraide's protocol library. */
package coop.entraide.protocol;
