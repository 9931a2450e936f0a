using System.Globalization;

namespace MlNetNeural.Tabular;

/// <summary>
/// Reads the text of a <see cref="ColumnKind.Date"/> column as a number the network can use: days (with their fraction)
/// since 1970-01-01 00:00 UTC, so that order and distance in time are kept. A value without a UTC offset is taken as UTC.
/// Only four-digit years are read, so a code like <c>12-05</c> or a number is never mistaken for a date.
/// </summary>
public static class DateParsing
{
    private static readonly string[] Times =
        ["", " H:mm", " H:mm:ss", " H:mm:ss.FFFFFFF", "TH:mm", "TH:mm:ss", "TH:mm:ss.FFFFFFF", " h:mm tt", " h:mm:ss tt"];

    private static readonly Dictionary<DateLayout, string[]> Formats = new()
    {
        [DateLayout.YearMonthDay] = WithTimes("yyyy-M-d", "yyyy/M/d", "yyyy.M.d"),
        [DateLayout.MonthDayYear] = WithTimes("M/d/yyyy", "M-d-yyyy", "M.d.yyyy"),
        [DateLayout.DayMonthYear] = WithTimes("d/M/yyyy", "d-M-yyyy", "d.M.yyyy"),
        [DateLayout.MonthName] = WithTimes("d MMM yyyy", "d-MMM-yyyy", "MMM d, yyyy", "MMM d yyyy", "d MMMM yyyy", "d-MMMM-yyyy", "MMMM d, yyyy", "MMMM d yyyy"),
    };

    /// <summary>The layouts tried, in order; the two that differ only in the order of day and month come last.</summary>
    private static readonly DateLayout[] Unambiguous = [DateLayout.YearMonthDay, DateLayout.MonthName];

    /// <summary>The layouts read, by example, for messages.</summary>
    internal const string Examples = "2021-03-04 (year first, optionally with a time such as T10:30:15Z), 3/4/2021 (month first), 04.03.2021 (day first), 4 Mar 2021";

    /// <summary>
    /// The layout in which every one of <paramref name="values"/> is a date, or null when there is none. When day and month
    /// could be either way round (no day above 12), day first is read for values written with '.', month first otherwise,
    /// and <paramref name="ambiguous"/> says so.
    /// </summary>
    internal static DateLayout? Detect(IReadOnlyCollection<string> values, out bool ambiguous)
    {
        ambiguous = false;
        if (values.Count == 0 || !values.All(LooksLikeDate)) return null;
        foreach (var layout in Unambiguous)
        {
            if (values.All(v => TryParse(v, layout, out _))) return layout;
        }
        bool monthFirst = values.All(v => TryParse(v, DateLayout.MonthDayYear, out _));
        bool dayFirst = values.All(v => TryParse(v, DateLayout.DayMonthYear, out _));
        if (monthFirst && dayFirst)
        {
            ambiguous = true;
            return values.First().Contains('.') ? DateLayout.DayMonthYear : DateLayout.MonthDayYear;
        }
        return monthFirst ? DateLayout.MonthDayYear : dayFirst ? DateLayout.DayMonthYear : null;
    }

    /// <summary>
    /// The layout that reads the most rows of a column that is not all dates, the rows it reads, and the first value it
    /// does not read; null when no value looks like a date.
    /// </summary>
    /// <param name="counts">The column's distinct values with their row counts.</param>
    internal static (DateLayout Layout, int Rows, string Stray)? BestPartial(IReadOnlyDictionary<string, int> counts)
    {
        var candidates = counts.Where(pair => LooksLikeDate(pair.Key)).ToList();
        if (candidates.Count == 0) return null;
        var (layout, rows) = Enum.GetValues<DateLayout>()
            .Select(l => (Layout: l, Rows: candidates.Where(pair => TryParse(pair.Key, l, out _)).Sum(pair => pair.Value)))
            .MaxBy(pair => pair.Rows);
        string? stray = counts.Keys.FirstOrDefault(v => !TryParse(v, layout, out _));
        return rows == 0 || stray is null ? null : (layout, rows, stray);
    }

    /// <summary>
    /// Reads <paramref name="text"/> in <paramref name="layout"/> as days since 1970-01-01 00:00 UTC, the number a model
    /// receives for a <see cref="ColumnKind.Date"/> column (e.g. to fill an input row from C#).
    /// </summary>
    /// <param name="text">The date as written in the table.</param>
    /// <param name="layout">The column's <see cref="ColumnDecision.DateLayout"/>.</param>
    /// <param name="days">The days since the epoch, with their fraction; NaN when the text is not a date in the layout.</param>
    /// <returns>Whether the text is a date in the layout.</returns>
    public static bool TryParse(string text, DateLayout layout, out double days)
    {
        bool read = DateTimeOffset.TryParseExact(text.Trim(), Formats[layout], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date);
        days = read ? (date.UtcDateTime - DateTime.UnixEpoch).TotalDays : double.NaN;
        return read;
    }

    /// <summary>The layout in words, with an example, for column reasons.</summary>
    internal static string Describe(DateLayout layout) => layout switch
    {
        DateLayout.YearMonthDay => "year-month-day",
        DateLayout.MonthDayYear => "month/day/year",
        DateLayout.DayMonthYear => "day/month/year",
        _ => "with month names",
    };

    /// <summary>A date as the reasons print it (yyyy-MM-dd, with the time when it has one).</summary>
    internal static string Format(double days)
    {
        var date = DateTime.UnixEpoch.AddDays(days);
        return date.ToString(date.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    // A cheap test before the format list: a run of exactly four digits (the year) and nothing longer than a timestamp.
    private static bool LooksLikeDate(string value)
    {
        if (value.Length is < 8 or > 40) return false;
        int run = 0;
        foreach (char c in value.Append(' '))
        {
            if (char.IsAsciiDigit(c)) { run++; continue; }
            if (run == 4) return true;
            run = 0;
        }
        return false;
    }

    private static string[] WithTimes(params string[] dates) => [.. dates.SelectMany(d => Times.Select(t => d + t + "K"))];
}
