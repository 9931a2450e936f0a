using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Tabular;

/// <summary>
/// Ranks a table's numeric, date and categorical columns by how much they tell about the label on some rows: the mutual
/// information between the column and the label, both cut into bins, less the Miller-Madow bias (Miller 1955; Paninski
/// 2003, "Estimation of Entropy and Mutual Information", Neural Computation 15), so that a column of many levels or bins
/// does not rank high on noise. Numbers are cut into at most <see cref="NumberBins"/> bins of equal row counts (missing
/// values in a bin of their own), categorical levels are bins themselves, a regression label is cut like a number.
/// Free-text columns are not ranked: a column selection always keeps them. The search uses the ranking to try networks on
/// the most informative columns only, since an MLP, unlike a tree ensemble, cannot ignore uninformative inputs
/// (Grinsztajn, Oyallon and Varoquaux 2022, "Why do tree-based models still outperform deep learning on tabular data?").
/// </summary>
internal static class ColumnRelevance
{
    /// <summary>Bins a numeric column (or a regression label) is cut into, at most.</summary>
    public const int NumberBins = 16;

    /// <summary>
    /// Scores the rankable columns on the rows at <paramref name="positions"/> (training rows only: the ranking is part of
    /// fitting), each column binned once: their names most informative first (ties in file order), and how many tell more
    /// about the label than any column tells about the label shuffled, i.e. whose score beats the largest score of all
    /// columns against a random permutation of the label (the max-statistic permutation threshold of Westfall and Young
    /// 1993, "Resampling-Based Multiple Testing", with one permutation). On a table where a few columns decide the label
    /// among many that carry nothing, that count is about those few; on a table of informative columns, most of them.
    /// </summary>
    /// <param name="data">The typed table.</param>
    /// <param name="positions">The rows to score on.</param>
    /// <param name="seed">Seeds the permutation.</param>
    public static ColumnRanking Measure(TabularDataset data, IReadOnlyList<int> positions, int seed)
    {
        var view = data.ToDataView(positions);
        int[] label = LabelBins(view, data.Decisions.Label);
        int[] shuffled = [.. label];
        new Random(seed).Shuffle(shuffled);
        var scores = data.Decisions.RankableFeatures.Select((c, i) =>
        {
            int[] bins = Bins(view, c);
            return (c.Name, Score: MutualInformation(bins, label), Shuffled: MutualInformation(bins, shuffled), i);
        }).ToList();
        double threshold = scores.Count == 0 ? 0 : scores.Max(s => s.Shuffled);
        return new ColumnRanking([.. scores.OrderByDescending(s => s.Score).ThenBy(s => s.i).Select(s => s.Name)],
            scores.Count(s => s.Score > threshold));
    }

    /// <summary>
    /// <paramref name="inference"/> with only the first <paramref name="count"/> columns of <paramref name="ranking"/> among
    /// its rankable ones (free-text columns stay); the others are ignored, and their reason says why.
    /// </summary>
    /// <param name="inference">The column decisions.</param>
    /// <param name="ranking">The rankable columns, most informative first (<see cref="Measure"/> on the training rows).</param>
    /// <param name="count">How many to keep.</param>
    public static TableInference KeepMostInformative(TableInference inference, IReadOnlyList<string> ranking, int count)
    {
        var place = ranking.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        string reason = $"ignored by the search: not among the {count} of {ranking.Count} columns most informative about the label " +
                        "(mutual information on the training rows); the search's networks validated better without the others";
        return inference.Ignoring(c => place.TryGetValue(c.Name, out int i) && i >= count ? reason : null);
    }

    /// <summary>
    /// The mutual information in nats of two binned variables over the same rows, less the Miller-Madow correction
    /// (occupied x-bins - 1)(occupied y-bins - 1) / (2 rows); can be below 0 for independent variables.
    /// </summary>
    public static double MutualInformation(int[] x, int[] y)
    {
        if (x.Length != y.Length) throw new ArgumentException("Both variables need the same rows.", nameof(y));
        int n = x.Length;
        if (n == 0) return 0;
        var joint = new Dictionary<(int, int), int>();
        var px = new Dictionary<int, int>();
        var py = new Dictionary<int, int>();
        for (int i = 0; i < n; i++)
        {
            joint[(x[i], y[i])] = joint.GetValueOrDefault((x[i], y[i])) + 1;
            px[x[i]] = px.GetValueOrDefault(x[i]) + 1;
            py[y[i]] = py.GetValueOrDefault(y[i]) + 1;
        }
        double information = 0;
        foreach (var ((a, b), count) in joint)
            information += (double)count / n * Math.Log((double)count * n / ((double)px[a] * py[b]));
        return information - (px.Count - 1) * (py.Count - 1) / (2.0 * n);
    }

    /// <summary>Cuts numbers into at most <paramref name="bins"/> bins of about equal counts (equal values share a bin); NaN goes to bin -1.</summary>
    public static int[] QuantileBins(IReadOnlyList<float> values, int bins)
    {
        var present = values.Where(v => !float.IsNaN(v)).Order().ToArray();
        var result = new int[values.Count];
        for (int i = 0; i < result.Length; i++)
        {
            float v = values[i];
            if (float.IsNaN(v)) { result[i] = -1; continue; }
            // The bin of the first row with this value in sorted order, so that equal values never straddle bins.
            result[i] = (int)((long)FirstIndexOf(present, v) * bins / present.Length);
        }
        return result;
    }

    /// <summary>The first index of <paramref name="value"/> in <paramref name="sorted"/>, which holds it (a lower-bound search:
    /// O(log n) however many rows share the value).</summary>
    private static int FirstIndexOf(float[] sorted, float value)
    {
        int low = 0, high = sorted.Length - 1;
        while (low < high)
        {
            int middle = low + (high - low) / 2;
            if (sorted[middle] < value) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    private static int[] Bins(IDataView view, ColumnDecision column) => column.IsNumber
        ? QuantileBins(Numbers(view, column.Name), NumberBins)
        : Levels(view, column.Name);

    private static int[] LabelBins(IDataView view, LabelDecision label) =>
        LabelGroups(label, () => Numbers(view, label.Name), () => Texts(view, label.Name));

    /// <summary>
    /// A label's values as groups: a regression label cut like a number (<see cref="QuantileBins"/>), a class label's
    /// classes as they are (<see cref="Groups{T}"/>); only the one the task needs is read.
    /// </summary>
    public static int[] LabelGroups(LabelDecision label, Func<IReadOnlyList<float>> numbers, Func<IEnumerable<string>> texts) =>
        label.Task == TabularTask.Regression ? QuantileBins(numbers(), NumberBins) : Groups(texts());

    /// <summary>Each distinct value a code of its own (0, 1, ... in the order they first appear).</summary>
    public static int[] Groups<T>(IEnumerable<T> values) where T : notnull
    {
        var codes = new Dictionary<T, int>();
        return [.. values.Select(v => codes.TryGetValue(v, out int code) ? code : codes[v] = codes.Count)];
    }

    private static float[] Numbers(IDataView view, string name) =>
        [.. view.GetColumn<float>(view.Schema[name])];

    private static int[] Levels(IDataView view, string name) => Groups(Texts(view, name));

    private static IEnumerable<string> Texts(IDataView view, string name) =>
        view.GetColumn<ReadOnlyMemory<char>>(view.Schema[name]).Select(v => v.ToString());
}

/// <summary>What <see cref="ColumnRelevance.Measure"/> found on some rows.</summary>
/// <param name="Names">The rankable columns' names, most informative first.</param>
/// <param name="InformativeCount">How many of them beat every column's score against the label shuffled.</param>
internal sealed record ColumnRanking(IReadOnlyList<string> Names, int InformativeCount);
