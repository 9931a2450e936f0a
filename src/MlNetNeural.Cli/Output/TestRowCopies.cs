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
        if (!CopiesAreTelling(training)) return 0;
        string[] names = [.. training.Decisions.Features.Select(c => c.Name).Append(training.Decisions.Label.Name)];
        CsvColumn[] trainingColumns = [.. names.Select(name => training.Table.Get(name))], testColumns = [.. names.Select(name => test.Table.Get(name))];
        var seen = trainingPositions.Select(p => Fingerprint(trainingColumns, training.TableRowOf(p))).ToHashSet();
        return testPositions.Count(p => seen.Contains(Fingerprint(testColumns, test.TableRowOf(p))));
    }

    /// <summary>
    /// Whether a row equal to another says anything: only when the model reads a column of many distinct values (at least
    /// <see cref="MinDistinctShare"/> of the rows, and <see cref="MinDistinct"/>), such as a measurement or an amount, are
    /// two equal rows rarely chance. In a table of a few coded columns (R's BankWages: education, gender, minority) most
    /// rows repeat another (there, 92 of 95 test rows), and that is the data, not a duplicated record.
    /// </summary>
    private static bool CopiesAreTelling(TabularDataset data) =>
        data.Decisions.Features.Any(c => c.DistinctValues >= Math.Max(MinDistinct, MinDistinctShare * data.Table.RowCount));

    private const int MinDistinct = 20;
    private const double MinDistinctShare = 0.1;

    // The row's values in the named columns as a 64-bit FNV-1a hash (Fowler, Noll and Vo), each value followed by a separator
    // and a missing value by a mark of its own, so that "a","bc" and "ab","c", or "" and missing, differ. Eight bytes a row
    // instead of its text keep a million-row table's check small; two different rows share a hash with odds of about 2^-64.
    private static ulong Fingerprint(CsvColumn[] columns, int row)
    {
        const ulong Offset = 14695981039346656037, Prime = 1099511628211;
        ulong hash = Offset;
        foreach (var column in columns)
        {
            string? value = column[row];
            foreach (char c in value ?? "\u001E") hash = (hash ^ c) * Prime;
            hash = (hash ^ '\u001F') * Prime;
        }
        return hash;
    }
}
