using System.Globalization;

namespace MlNetNeural.Tabular;

/// <summary>
/// How a delimited text file is written: separator, header, quoting, decimal mark and the tokens that mean
/// "missing". <see cref="CsvSniffer.Sniff(string)"/> finds it for a file it has never seen; set it yourself
/// (e.g. <c>CsvFormat.Default with { Separator = ';' }</c>) when the guess is wrong.
/// </summary>
public sealed record CsvFormat
{
    /// <summary>
    /// The separators <see cref="CsvSniffer"/> considers, in its order of preference when several split the file
    /// consistently: tab, semicolon, vertical bar, comma.
    /// </summary>
    public static IReadOnlyList<char> CandidateSeparators { get; } = ['\t', ';', '|', ','];

    /// <summary>
    /// Field values that mean "missing" (compared after trimming spaces, case-sensitive): empty, <c>NA</c>, <c>N/A</c>,
    /// <c>n/a</c>, <c>NaN</c>, <c>nan</c>, <c>?</c>, <c>NULL</c>, <c>null</c> and <c>#N/A</c>: what R, UCI files, pandas,
    /// SQL exports and Excel write for a value that is not there. A number column exported from SQL with <c>NULL</c> in its
    /// empty rows was text before these were added, and a text column loses nothing by them (missing is its own pattern).
    /// </summary>
    public static IReadOnlyList<string> DefaultMissingTokens { get; } = ["", "NA", "N/A", "n/a", "NaN", "nan", "?", "NULL", "null", "#N/A"];

    // Declared after DefaultMissingTokens: static initializers run in order.
    /// <summary>Comma separated, a header row, <c>"</c> quotes, <c>.</c> decimal mark, the default missing tokens.</summary>
    public static CsvFormat Default { get; } = new();

    /// <summary>The field separator (default <c>,</c>).</summary>
    public char Separator { get; init; } = ',';

    /// <summary>Whether the first row holds column names (default true). Without one, columns are named <c>Column1</c>, <c>Column2</c>, ...</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The decimal mark of numbers: <c>.</c> (default) or <c>,</c> (e.g. <c>3,14</c> in <c>;</c>-separated European files). Digits grouped by thousands are read with the other mark (or a space) as the group separator; see <see cref="TryParseNumber"/>.</summary>
    public char DecimalMark { get; init; } = '.';

    /// <summary>The quote character (default <c>"</c>); a quoted field may contain the separator, line breaks and doubled quotes.</summary>
    public char Quote { get; init; } = '"';

    /// <summary>
    /// The text encoding of the file; null (the default) finds it when the file is read (<see cref="CsvEncoding.Detect(string)"/>:
    /// a byte order mark, else UTF-8 when the bytes are valid UTF-8, else Windows-1252). <see cref="CsvSniffer.Sniff(string)"/>
    /// sets it. Set it yourself for another code page, e.g. <c>Encoding.Latin1</c>.
    /// </summary>
    public System.Text.Encoding? Encoding { get; init; }

    /// <summary>Field values read as missing; see <see cref="DefaultMissingTokens"/>.</summary>
    public IReadOnlyList<string> MissingTokens { get; init; } = DefaultMissingTokens;

    /// <summary>Whether <paramref name="field"/> (already trimmed) is one of the <see cref="MissingTokens"/>.</summary>
    /// <param name="field">A field's text.</param>
    public bool IsMissing(string field)
    {
        foreach (string token in MissingTokens)
        {
            if (string.Equals(field, token, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>
    /// Parses <paramref name="text"/> as a finite number with this format's decimal mark and invariant culture. Amounts as
    /// spreadsheets export them are numbers too: a currency sign before or after the number (<c>$</c>, <c>€</c>, <c>£</c>,
    /// <c>¥</c>), a percent sign after it (<c>12.5%</c> reads 12.5), and digits grouped by thousands (<c>1,234,567.5</c>;
    /// with the decimal mark ',', <c>1.234.567,5</c> or <c>1 234 567,5</c>), only in whole groups of three.
    /// </summary>
    /// <param name="text">A field's text (not missing).</param>
    /// <param name="value">The number, when the result is true.</param>
    /// <returns>True when the whole text is a number that fits a <see cref="float"/>.</returns>
    public bool TryParseNumber(string text, out double value) => TryParseFinite(text, out value) && float.IsFinite((float)value);

    /// <summary>
    /// Why <paramref name="text"/>, which <see cref="TryParseNumber"/> refused, is not a number to the model: "is not a number", or
    /// for a number beyond single precision (a model reads <see cref="float"/>) that it is too large.
    /// </summary>
    internal string WhyNotANumber(string text) => TryParseFinite(text, out _)
        ? "is a number beyond single precision (±3.4e38), the numbers a model reads,"
        : "is not a number,";

    // The whole text as a finite double, read as TryParseNumber describes, whether or not it fits a float.
    private bool TryParseFinite(string text, out double value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 64) return false;
        if (DecimalMark == ',')
        {
            if (!text.Contains('.') && Parse(text.Replace(',', '.'), out value)) return true;
        }
        else if (Parse(text, out value))
        {
            return true;
        }
        return NumberDecorations.TryStrip(text, DecimalMark, out string plain) && Parse(plain, out value);
    }

    private static bool Parse(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>A one-line description, e.g. <c>separator ';', header, decimal mark ',', quote '"'</c> (and the encoding when it is not UTF-8, e.g. <c>, encoding Windows-1252</c>).</summary>
    public override string ToString() =>
        $"separator {Describe(Separator)}, {(HasHeader ? "header" : "no header")}, decimal mark '{DecimalMark}', quote '{Quote}'" +
        (Encoding is { } encoding && encoding.CodePage != 65001 ? $", encoding {CsvEncoding.Describe(encoding)}" : "");

    /// <summary>A readable name for a separator character (<c>tab</c> for <c>\t</c>).</summary>
    /// <param name="separator">The character.</param>
    public static string Describe(char separator) => separator == '\t' ? "tab" : $"'{separator}'";
}
