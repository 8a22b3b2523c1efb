/** Small general-purpose pieces shared by the protocol module and the node. */
package coop.entraide.protocol.util;
