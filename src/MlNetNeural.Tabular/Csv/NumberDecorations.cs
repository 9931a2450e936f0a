namespace MlNetNeural.Tabular;

/// <summary>
/// Turns an amount as spreadsheets write it (<c>$1,234.50</c>, <c>12.5%</c>, <c>1.234,50 €</c>) into plain invariant
/// number text (<c>1234.50</c>, <c>12.5</c>, <c>1234.50</c>) for <see cref="CsvFormat.TryParseNumber"/>.
/// </summary>
internal static class NumberDecorations
{
    private const string CurrencySigns = "$€£¥";

    /// <summary>The plain number text of <paramref name="text"/>, or false when it is not a decorated number.</summary>
    public static bool TryStrip(string text, char decimalMark, out string plain)
    {
        plain = "";
        var s = text.AsSpan().Trim();
        if (s.Length > 0 && s[^1] == '%') s = s[..^1].TrimEnd();
        else s = StripCurrency(s);
        bool negative = s.Length > 0 && (s[0] == '-' || s[0] == '+');
        string sign = negative && s[0] == '-' ? "-" : "";
        if (negative) s = StripCurrency(s[1..]);
        int point = s.IndexOf(decimalMark);
        var whole = point < 0 ? s : s[..point];
        var fraction = point < 0 ? [] : s[(point + 1)..];
        if (!AllDigits(fraction) || (point >= 0 && fraction.Length == 0)) return false;
        if (!TryUngroup(whole, decimalMark == '.' ? "," : ". \u00A0\u202F", out string digits)) return false;
        plain = sign + digits + (point < 0 ? "" : "." + fraction.ToString());
        return true;
    }

    // A currency sign before or after the number, with or without a space.
    private static ReadOnlySpan<char> StripCurrency(ReadOnlySpan<char> s)
    {
        if (s.Length > 1 && CurrencySigns.Contains(s[0])) return s[1..].TrimStart();
        if (s.Length > 1 && CurrencySigns.Contains(s[^1])) return s[..^1].TrimEnd();
        return s;
    }

    // 1,234,567 -> 1234567 with groups of exactly three after the first group of one to three digits; a plain run of digits as it is.
    private static bool TryUngroup(ReadOnlySpan<char> whole, string separators, out string digits)
    {
        digits = "";
        if (whole.Length == 0) return false;
        if (AllDigits(whole)) { digits = whole.ToString(); return true; }
        int first = whole.IndexOfAny(separators);
        if (first is < 1 or > 3 || !AllDigits(whole[..first])) return false;
        char separator = whole[first];
        var result = new System.Text.StringBuilder(whole[..first].ToString());
        for (int at = first; at < whole.Length; at += 4)
        {
            if (whole[at] != separator || at + 4 > whole.Length || !AllDigits(whole.Slice(at + 1, 3))) return false;
            result.Append(whole.Slice(at + 1, 3));
        }
        digits = result.ToString();
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        return true;
    }
}
