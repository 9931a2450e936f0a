namespace MlNetNeural.Tabular;

/// <summary>
/// A table could not be read or used as asked. The message says what happened, where (file, row, column,
/// value, whichever apply) and what to do; the same facts are available as properties for tools that
/// report them in their own way.
/// </summary>
public sealed class TabularDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">The kind of problem.</param>
    /// <param name="message">The full message: what, where, what to do.</param>
    /// <param name="filePath">The file concerned, if any.</param>
    /// <param name="row">The 1-based line number in the file (counting the header line), if a row is concerned.</param>
    /// <param name="column">The column concerned, if any.</param>
    /// <param name="value">The offending value, if any.</param>
    public TabularDataException(TabularProblem problem, string message, string? filePath = null, long? row = null, string? column = null, string? value = null)
        : base(message)
    {
        Problem = problem;
        FilePath = filePath;
        Row = row;
        Column = column;
        Value = value;
    }

    /// <summary>The kind of problem.</summary>
    public TabularProblem Problem { get; }

    /// <summary>The file concerned, or null.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line number in the file (the header is line 1), or null.</summary>
    public long? Row { get; }

    /// <summary>The column concerned, or null.</summary>
    public string? Column { get; }

    /// <summary>The offending value, or null.</summary>
    public string? Value { get; }
}
