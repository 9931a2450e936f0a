namespace MlNetNeural.Reports;

/// <summary>
/// A table a report shows after the model card, for facts of how the model was made that have no section of their own,
/// e.g. the column decisions and the hyper-parameter search of a model builder (<see cref="ModelCard.Tables"/>).
/// </summary>
/// <param name="Title">The table's heading.</param>
/// <param name="Header">The column names.</param>
/// <param name="Rows">The cells, one list per row, as many as <paramref name="Header"/> has names.</param>
/// <param name="Description">A sentence shown under the heading, e.g. how to read the table; null for none.</param>
public sealed record ReportTable(string Title, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, string? Description = null)
{
    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Title, nameof(Title));
        ArgumentNullException.ThrowIfNull(Header, nameof(Header));
        ArgumentNullException.ThrowIfNull(Rows, nameof(Rows));
        for (int row = 0; row < Rows.Count; row++)
        {
            if (Rows[row] is null || Rows[row].Count != Header.Count)
                throw new ArgumentException($"Row {row + 1} of the table '{Title}' has {Rows[row]?.Count ?? 0} cells, and the header has {Header.Count}.", nameof(Rows));
        }
    }
}
