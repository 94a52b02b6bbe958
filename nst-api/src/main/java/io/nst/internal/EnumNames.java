package io.nst.internal;

import java.util.Locale;

/** Enum constants by the names users type: in any case, refused with a message listing the choices. */
public final class EnumNames {

    private EnumNames() {}

    /**
     * The constant of {@code type} named {@code text}, ignoring case.
     *
     * @param what what the value is, for the message ({@code device}, {@code width})
     * @throws IllegalArgumentException naming the text and the choices when no constant has that name
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        E[] constants = type.getEnumConstants();
        for (E constant : constants) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        StringBuilder choices = new StringBuilder();
        for (int i = 0; i < constants.length; i++) {
            if (i > 0) {
                choices.append(i == constants.length - 1 ? " or " : ", ");
            }
            choices.append(constants[i].name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "'; use " + choices);
    }
}
