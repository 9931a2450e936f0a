namespace MlNetNeural.Tabular;

/// <summary>What went wrong when a table could not be read or used; carried by <see cref="TabularDataException"/>.</summary>
public enum TabularProblem
{
    /// <summary>The file does not exist.</summary>
    FileNotFound,
    /// <summary>The file has no data rows (it is empty, blank, or holds only a header).</summary>
    EmptyFile,
    /// <summary>A row has a different number of fields than the header (or the first row).</summary>
    RaggedRow,
    /// <summary>A quoted field is not closed before the end of the file.</summary>
    UnclosedQuote,
    /// <summary>The label column named by the caller is not in the table.</summary>
    LabelNotFound,
    /// <summary>The label column has fewer than two distinct values, so there is nothing to learn.</summary>
    LabelHasOneValue,
    /// <summary>A value of a column declared numeric (by override or by a saved schema) is not a number.</summary>
    UnreadableNumber,
    /// <summary>An override or option names a column that is not in the table.</summary>
    ColumnNotFound,
    /// <summary>After dropping ignored columns nothing is left to learn from.</summary>
    NoFeatures,
    /// <summary>An option contradicts the data (e.g. a binary task for a label with three values).</summary>
    InvalidOption,
    /// <summary>A value of a column declared a date (by override or by a saved schema) is not a date in the column's layout.</summary>
    UnreadableDate,
    /// <summary>
    /// The task cannot be inferred from the label's values: numbers with a few values that are not numbers, or text in which
    /// most rows hold a value no other row has (an identifier or a name, not classes).
    /// </summary>
    UnusableLabel,
    /// <summary>Too few rows, or too few of a class, to split for testing or validation.</summary>
    TooFewRows,
    /// <summary>The file is not text (a spreadsheet, an archive, a program): its first kilobytes hold a NUL byte.</summary>
    NotText,
    /// <summary>
    /// A file whose name ends in <c>.gz</c> is not gzip data, or is truncated or damaged: its compressed data does not end
    /// with the CRC-32 and length gzip writes after it.
    /// </summary>
    UnreadableGzip,
    /// <summary>A file that is held in memory whole to be read (a pipe, or a <c>.gz</c> file decompressed) is larger than an array holds.</summary>
    FileTooLarge,
}
