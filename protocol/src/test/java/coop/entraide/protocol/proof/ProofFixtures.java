package coop.entraide.protocol.proof;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.protocol.TestFiles;
import coop.entraide.protocol.json.JsonReadResult;
import coop.entraide.protocol.json.StrictJsonReader;

/** Reads the JSON test vectors of this package. */
final class ProofFixtures {

    private ProofFixtures() {
    }

    static ObjectNode json(String path) {
        JsonReadResult result = StrictJsonReader.withDefaults().readObject(TestFiles.text(path));
        if (result instanceof JsonReadResult.Parsed parsed) {
            return (ObjectNode) parsed.value();
        }
        throw new AssertionError(path + " rejected: " + result);
    }
}
