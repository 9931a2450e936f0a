namespace MlNetNeural.Tabular;

/// <summary>How the dates of a <see cref="ColumnKind.Date"/> column are written (any of them may carry a time of day and a UTC offset).</summary>
public enum DateLayout
{
    /// <summary>Year first: <c>2021-03-04</c>, <c>2021/3/4</c>, <c>2021-03-04T10:30:15Z</c> (ISO 8601 and its common variants).</summary>
    YearMonthDay,
    /// <summary>Month first: <c>3/4/2021</c>, <c>03-04-2021 9:05 PM</c> (United States).</summary>
    MonthDayYear,
    /// <summary>Day first: <c>4/3/2021</c>, <c>04.03.2021 21:05</c> (most of Europe).</summary>
    DayMonthYear,
    /// <summary>The month by its English name: <c>4 Mar 2021</c>, <c>04-Mar-2021</c>, <c>March 4, 2021</c>.</summary>
    MonthName,
}
