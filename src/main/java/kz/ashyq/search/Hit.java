package kz.ashyq.search;

import java.util.List;
import java.util.Map;

/**
 * One entity found.
 *
 * @param iri the entity
 * @param labels its labels by language tag ("" for none)
 * @param types its classes
 * @param datasets the datasets whose graphs label it
 * @param score Lucene's score of its best label
 */
public record Hit(String iri, Map<String, String> labels, List<String> types, List<String> datasets, float score) {}
