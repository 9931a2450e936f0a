using MlNetNeural.Tabular;

namespace MlNetNeural.Cli.Output;

/// <summary>
/// Test rows that are copies of training rows: the same text in every column the model reads and in the label. A file with
/// duplicated records, or a test file that repeats the training file, lets the model be tested on rows it was fitted on,
/// and the test metric then overstates how it does on new rows (the test file equal to the training file gave an AUC of 1).
/// </summary>
internal static class TestRowCopies
{
    /// <summary>How many of the test rows are copies of a training row.</summary>
    /// <param name="training">The dataset the training rows are from.</param>
    /// <param name="trainingPositions">The training rows, as positions in <paramref name="training"/>.</param>
    /// <param name="test">The dataset the test rows are from (the same one for a held-out part).</param>
    /// <param name="testPositions">The test rows, as positions in <paramref name="test"/>.</param>
    public static int Count(TabularDataset training, IReadOnlyList<int> trainingPositions, TabularDataset test, IReadOnlyList<int> testPositions)
    {
        string[] names = [.. training.Decisions.Features.Select(c => c.Name).Append(training.Decisions.Label.Name)];
        var seen = trainingPositions.Select(p => Key(training, names, p)).ToHashSet(StringComparer.Ordinal);
        return testPositions.Count(p => seen.Contains(Key(test, names, p)));
    }

    // The row's values in the named columns, joined by a unit separator (a character no CSV field holds in practice); a
    // missing value by another control character, so that it differs from an empty text.
    private static string Key(TabularDataset data, string[] names, int position)
    {
        int row = data.TableRowOf(position);
        return string.Join('\u001F', names.Select(name => data.Table.Get(name)[row] ?? "\u001E"));
    }
}
