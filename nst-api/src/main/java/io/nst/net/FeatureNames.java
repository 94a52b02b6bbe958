package io.nst.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Orders layer names the way people read them: {@code l2} before {@code l10}. */
public final class FeatureNames {

    private FeatureNames() {}

    /** {@code names} in reading order. */
    public static List<String> sorted(Collection<String> names) {
        List<String> list = new ArrayList<>(names);
        list.sort(Comparator.comparing(FeatureNames::naturalKey));
        return list;
    }

    private static String naturalKey(String name) {
        StringBuilder key = new StringBuilder();
        StringBuilder digits = new StringBuilder();
        for (char ch : (name + "\0").toCharArray()) {
            if (Character.isDigit(ch)) {
                digits.append(ch);
                continue;
            }
            if (digits.length() > 0) {
                key.append(String.format("%08d", Long.parseLong(digits.toString())));
                digits.setLength(0);
            }
            key.append(ch);
        }
        return key.toString();
    }
}
