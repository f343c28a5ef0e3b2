package kz.ashyq.search;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Words of labels in Kazakh, Russian and English, folded so that spellings people type compare
 * equal: lower case; the Kazakh letters as their Russian look-alikes (ә а, ғ г, қ к, ң н, ө о,
 * ұ у, ү у, һ х, і и) and ё as е, since keyboards without a Kazakh layout write them so; Latin
 * letters without diacritics; a period as a space, as names are often glued to an abbreviation
 * ({@code г.Астана}).
 */
public final class FoldingAnalyzer extends Analyzer {

    private static final NormalizeCharMap FOLD = fold();

    private static NormalizeCharMap fold() {
        NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
        String from = "әғқңөұүһіёӘҒҚҢӨҰҮҺІЁ";
        String to = "агкноуухиеАГКНОУУХИЕ";
        for (int i = 0; i < from.length(); i++) {
            b.add(String.valueOf(from.charAt(i)), String.valueOf(to.charAt(i)));
        }
        // "г.Кызылорда", "с.им.Крупской": abbreviations glued to names are words of their own
        b.add(".", " ");
        return b.build();
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new MappingCharFilter(FOLD, reader);
    }

    @Override
    protected Reader initReaderForNormalization(String fieldName, Reader reader) {
        return new MappingCharFilter(FOLD, reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer));
        return new TokenStreamComponents(tokenizer, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }
}
