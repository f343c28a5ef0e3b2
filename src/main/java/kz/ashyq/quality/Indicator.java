package kz.ashyq.quality;

/**
 * One indicator of the EU's Metadata Quality Assessment, as scored for one dataset.
 *
 * @param dimension findability, accessibility, interoperability, reusability or contextuality
 * @param key the indicator's short name, also its metric's name in Ashyq's vocabulary ({@code mqa-keyword})
 * @param property what it looks at, as the methodology names it ({@code dcat:keyword})
 * @param count the dataset or distributions that have it
 * @param population the dataset (1) or the distributions it is counted over
 * @param points the points scored: {@code weight × count / population}
 * @param weight the points it is worth
 * @param note why it scored less than it could, or what was not checked; empty when it scored its weight
 * @param fix what to do to score it
 */
public record Indicator(String dimension, String key, String property, int count, int population, double points,
        int weight, String note, String fix) {

    /** Whether it scored all its points. */
    public boolean full() {
        return points >= weight - 1e-9;
    }
}
