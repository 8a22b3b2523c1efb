/** Safe handling of the HTML other servers send: sanitising for display and plain text for indexing. */
package coop.entraide.protocol.html;
