package dev.keyhold.keys.pkcs11;

import dev.keyhold.keys.KeyStoreConfigurationException;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the slot that holds the token with a given label. SunPKCS11 selects a token by slot only, and slot ids can
 * change when tokens are added (SoftHSM2 derives them from the token's serial), so operators name tokens by label the
 * way {@code pkcs11-tool --token-label} does. The lookup goes through the JDK's own PKCS#11 wrapper, which SunPKCS11
 * uses afterwards for the same library: the module is loaded and initialised once, with the same arguments.
 *
 * <p>The wrapper is internal to the JDK: the packaged jar's manifest exports it ({@code Add-Exports}), and any other
 * launch needs {@code --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED}.
 */
final class TokenSlots {

    static final String WRAPPER = "sun.security.pkcs11.wrapper";

    // NOTE: as SunPKCS11 initialises a module: the library must use the OS's locks, requests come from many threads
    private static final long CKF_OS_LOCKING_OK = 0x00000002L;

    private TokenSlots() {}

    /** A slot with a token in it. */
    record Slot(long id, String label) {}

    /**
     * The slot whose token is labelled {@code label}.
     *
     * @throws KeyStoreConfigurationException when no token or more than one token has that label, naming the labels
     *     there are; or when the library's tokens cannot be listed
     */
    static long slotOf(Path library, String label) {
        List<Slot> slots = slots(library);
        List<Slot> labelled =
                slots.stream().filter(slot -> slot.label().equals(label)).toList();
        if (labelled.size() == 1) {
            return labelled.get(0).id();
        }
        if (labelled.isEmpty()) {
            throw new KeyStoreConfigurationException("no token in " + library + " is labelled '" + label + "'; "
                    + (slots.isEmpty() ? "it has no initialised token" : "its tokens are " + describe(slots))
                    + ". Set KEYHOLD_PKCS11_TOKEN_LABEL to one of them");
        }
        throw new KeyStoreConfigurationException(labelled.size() + " tokens in " + library + " are labelled '" + label
                + "' (" + describe(labelled) + "): give each token its own label, or unset"
                + " KEYHOLD_PKCS11_TOKEN_LABEL and set KEYHOLD_PKCS11_SLOT to the slot id");
    }

    /** The slots of {@code library} that hold a token, in the library's order. */
    static List<Slot> slots(Path library) {
        try {
            Class<?> wrapper = Class.forName(WRAPPER + ".PKCS11");
            Class<?> initArgsType = Class.forName(WRAPPER + ".CK_C_INITIALIZE_ARGS");
            Object initArgs = initArgsType.getConstructor().newInstance();
            initArgsType.getField("flags").setLong(initArgs, CKF_OS_LOCKING_OK);
            Object module = wrapper.getMethod("getInstance", String.class, String.class, initArgsType, boolean.class)
                    .invoke(null, library.toString(), "C_GetFunctionList", initArgs, false);
            long[] ids =
                    (long[]) wrapper.getMethod("C_GetSlotList", boolean.class).invoke(module, true);
            Method tokenInfo = wrapper.getMethod("C_GetTokenInfo", long.class);
            List<Slot> slots = new ArrayList<>(ids.length);
            for (long id : ids) {
                Object info = tokenInfo.invoke(module, id);
                char[] label = (char[]) info.getClass().getField("label").get(info);
                slots.add(new Slot(id, new String(label).stripTrailing())); // NOTE: PKCS#11 pads labels with blanks
            }
            return slots;
        } catch (IllegalAccessException | InaccessibleObjectException ex) {
            throw new KeyStoreConfigurationException("selecting the PKCS#11 token by label needs the JVM option"
                    + " --add-exports jdk.crypto.cryptoki/" + WRAPPER + "=ALL-UNNAMED (`java -jar keyhold.jar` has it"
                    + " from the jar's manifest); add it, or set KEYHOLD_PKCS11_SLOT instead of"
                    + " KEYHOLD_PKCS11_TOKEN_LABEL");
        } catch (InvocationTargetException ex) {
            Throwable cause = ex.getCause();
            throw new KeyStoreConfigurationException(
                    "cannot list the tokens of the PKCS#11 library " + library + ": " + cause
                            + ". Check KEYHOLD_PKCS11_LIBRARY (the vendor's PKCS#11 module)",
                    cause);
        } catch (ReflectiveOperationException | ClassCastException ex) {
            throw new KeyStoreConfigurationException("this JVM's PKCS#11 provider cannot list tokens by label (" + ex
                    + "): unset KEYHOLD_PKCS11_TOKEN_LABEL and set KEYHOLD_PKCS11_SLOT to the slot id");
        }
    }

    private static String describe(List<Slot> slots) {
        return slots.stream()
                .map(slot -> "'" + slot.label() + "' (slot " + slot.id() + ")")
                .collect(Collectors.joining(", "));
    }
}
