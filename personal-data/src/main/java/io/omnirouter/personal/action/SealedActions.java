package io.omnirouter.personal.action;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.UUID;

import com.google.crypto.tink.Aead;
import io.omnirouter.action.AgentAction;
import io.omnirouter.action.NoteAdded;
import io.omnirouter.action.PersonalActionFields;
import io.omnirouter.action.SharedIdentifierCleared;
import io.omnirouter.personal.seal.PersonalDataSeal;
import io.omnirouter.personal.seal.SingleObjectBytes;
import io.omnirouter.personal.seal.UnreadablePersonalData;
import io.omnirouter.schemas.ContractTopic;

/**
 * Seals the personal fields of an {@link AgentAction} (its reason, a note's text, a cleared identifier's value: those
 * its schema marks {@code "personal": true}) into its {@code sealed} field under the action's own data key, and opens
 * them again (docs/personal-data.md). The history seals before it publishes to {@code agent.actions} and opens what it
 * reads, live and in a rebuild; erasing the customer shreds the key of every action about it.
 */
public final class SealedActions {

    private static final String TOPIC = ContractTopic.AGENT_ACTIONS.topic();
    private static final PersonalDataSeal SEAL = new PersonalDataSeal();

    private SealedActions() {
    }

    /** Whether the action's personal fields are sealed (false: written in clear, before sealing existed). */
    public static boolean isSealed(AgentAction action) {
        return action.getSealed() != null;
    }

    /** The key id an action is sealed under: its action id. */
    public static UUID keyIdOf(AgentAction action) {
        return UUID.fromString(action.getActionId());
    }

    /** The action as it goes on the log: its personal fields sealed under {@code key}, emptied in clear. */
    public static AgentAction seal(AgentAction clear, Aead key) {
        if (isSealed(clear)) {
            throw new IllegalArgumentException("action " + clear.getActionId() + " is sealed already");
        }
        PersonalActionFields.Builder personal = PersonalActionFields.newBuilder().setReason(clear.getReason());
        Object body = clear.getAction();
        if (body instanceof NoteAdded note) {
            personal.setNoteText(note.getText());
            body = NoteAdded.newBuilder(note).setText("").build();
        } else if (body instanceof SharedIdentifierCleared cleared) {
            personal.setIdentifierValue(cleared.getIdentifierValue());
            body = SharedIdentifierCleared.newBuilder(cleared).setIdentifierValue("").build();
        }
        byte[] sealed = SEAL.seal(key, keyIdOf(clear), TOPIC, encode(personal.build()));
        return AgentAction.newBuilder(clear).setReason(null).setAction(body).setSealed(ByteBuffer.wrap(sealed)).build();
    }

    /**
     * The action with its personal fields in clear again, and {@code sealed} null.
     *
     * @throws UnreadablePersonalData if the sealed bytes do not open under {@code key} for this action
     */
    public static AgentAction open(AgentAction sealedAction, Aead key) {
        if (!isSealed(sealedAction)) {
            throw new IllegalArgumentException("action " + sealedAction.getActionId() + " is not sealed");
        }
        UUID keyId = keyIdOf(sealedAction);
        byte[] plaintext = SEAL.open(key, keyId, TOPIC, SingleObjectBytes.of(sealedAction.getSealed()));
        PersonalActionFields personal = decode(keyId, plaintext);
        Object body = sealedAction.getAction();
        if (body instanceof NoteAdded note) {
            body = NoteAdded.newBuilder(note).setText(personal.getNoteText()).build();
        } else if (body instanceof SharedIdentifierCleared cleared) {
            body = SharedIdentifierCleared.newBuilder(cleared).setIdentifierValue(personal.getIdentifierValue()).build();
        }
        return AgentAction.newBuilder(sealedAction).setReason(personal.getReason()).setAction(body).setSealed(null).build();
    }

    private static byte[] encode(PersonalActionFields personal) {
        try {
            return SingleObjectBytes.of(PersonalActionFields.getEncoder().encode(personal));
        } catch (IOException e) {
            throw new UncheckedIOException("Encoding the personal fields failed", e);
        }
    }

    private static PersonalActionFields decode(UUID keyId, byte[] plaintext) {
        try {
            return PersonalActionFields.getDecoder().decode(plaintext);
        } catch (IOException | RuntimeException e) {
            throw new UnreadablePersonalData(keyId, plaintext.length, e);
        }
    }
}
