package kz.ashyq.mapping;

import java.util.regex.Pattern;

/**
 * Checks language tags (BCP 47). The primary subtag must be an ISO 639 code of 2 or 3 letters
 * (or {@code x}/{@code i} for private and grandfathered tags): the 4 to 8 letter forms the grammar
 * allows are reserved and none is registered, so {@code english} is a mistake for {@code en}.
 */
public final class LanguageTags {

    private static final Pattern TAG = Pattern.compile(
            "(?i)([a-z]{2,3}(-[a-z]{3}){0,3}|[xi])(-[a-z0-9]{1,8})*");

    private LanguageTags() {}

    /** Whether a tag is usable. */
    public static boolean isValid(String tag) {
        return TAG.matcher(tag).matches();
    }
}
