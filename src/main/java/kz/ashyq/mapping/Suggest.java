package kz.ashyq.mapping;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean": the known name nearest to a mistyped one, by edit distance. */
public final class Suggest {

    private Suggest() {}

    /**
     * {@code " (did you mean 'x'?)"} for the candidate within a third of the name's length in
     * edits (at least 1, at most 3), or an empty string when none is that near.
     */
    public static String didYouMean(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(name.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        int allowed = Math.min(3, Math.max(1, name.length() / 3));
        return best != null && bestDistance <= allowed && !best.equals(name) ? " (did you mean '" + best + "'?)" : "";
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
