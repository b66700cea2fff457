package io.omnirouter.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every released version of a schema, as kept in {@code schemas/history/<full name>/vN.avsc} and shipped in this jar.
 * {@code SchemaEvolutionTest} holds the current schemas to them; a reader of Avro single-object encodings (the sealed
 * personal fields) knows each of them, so that a record written with an older version still reads.
 */
public final class ReleasedSchemas {

    private static final String ROOT = "/io/omnirouter/schemas/history/";

    private ReleasedSchemas() {
    }

    /** The released versions of the schema named {@code fullName}, v1 first; empty when none was released. */
    public static List<Schema> of(String fullName) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String resource = ROOT + fullName + "/v" + version + ".avsc";
            try (InputStream in = ReleasedSchemas.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return List.copyOf(versions);
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + resource + " failed", e);
            }
        }
    }
}
