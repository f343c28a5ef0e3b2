/**
 * RML in Turtle: read into the mapping model ({@link kz.ashyq.mapping.rml.RmlReader}) and written
 * from it ({@link kz.ashyq.mapping.rml.RmlWriter}, what {@code ashyq map --explain} shows). May
 * use the mapping model and {@code functions}.
 */
package kz.ashyq.mapping.rml;
