using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Data;

namespace MlNetNeural.Explanations;

/// <summary>
/// Turns feature contributions into the principal reasons for a decision: the features whose contributions have the
/// given sign, largest first, with the row's value of each (for adverse-action notices, clinical reports and APIs).
/// </summary>
/// <example><code>
/// var explained = explainer.Transform(model.Transform(applicants));   // explainer: CalculateMlpFeatureContribution(...).Fit(...)
/// var reasons = ReasonCodes.FromData(explained, ContributionSign.Positive);   // positive class "default": what raised the risk
/// foreach (var reason in reasons[0]) Console.WriteLine(reason);               // e.g. "CheckingStatus.&lt;0 = 1 (+0.84)"
/// </code></example>
public static class ReasonCodes
{
    /// <summary>The reasons of one row, largest contribution of the sign first.</summary>
    /// <param name="contributions">The row's contributions, one per feature slot.</param>
    /// <param name="values">The row's feature values, slot by slot with <paramref name="contributions"/>.</param>
    /// <param name="featureNames">A name per slot.</param>
    /// <param name="sign">Which contributions are reasons.</param>
    /// <param name="count">Most reasons, at least 1.</param>
    /// <param name="groupSlotsByColumn">Group "Column.Slot" slots into one reason per column (see <see cref="ReasonCodeOptions.GroupSlotsByColumn"/>).</param>
    public static IReadOnlyList<FeatureReason> Top(ReadOnlySpan<float> contributions, ReadOnlySpan<float> values, IReadOnlyList<string> featureNames,
        ContributionSign sign, int count = ReasonCodeOptions.DefaultCount, bool groupSlotsByColumn = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return All(contributions, values, featureNames, groupSlotsByColumn)
            .Where(reason => sign == ContributionSign.Positive ? reason.Contribution > 0 : reason.Contribution < 0)
            .Take(count)
            .ToArray();
    }

    /// <summary>Every feature (or group) of one row as a <see cref="FeatureReason"/>, largest absolute contribution first (for charts and full listings).</summary>
    /// <param name="contributions">The row's contributions, one per feature slot.</param>
    /// <param name="values">The row's feature values, slot by slot with <paramref name="contributions"/>.</param>
    /// <param name="featureNames">A name per slot.</param>
    /// <param name="groupSlotsByColumn">Group "Column.Slot" slots into one entry per column (see <see cref="ReasonCodeOptions.GroupSlotsByColumn"/>).</param>
    public static IReadOnlyList<FeatureReason> All(ReadOnlySpan<float> contributions, ReadOnlySpan<float> values, IReadOnlyList<string> featureNames, bool groupSlotsByColumn = false)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        if (values.Length != contributions.Length || featureNames.Count != contributions.Length)
            throw new ArgumentException($"There are {contributions.Length} contributions, {values.Length} values and {featureNames.Count} names; give one of each per feature slot.");
        var entries = groupSlotsByColumn ? Grouped(contributions, values, featureNames) : Slots(contributions, values, featureNames);
        return entries.OrderByDescending(reason => Math.Abs(reason.Contribution)).ToArray();
    }

    /// <summary>
    /// The reasons of every row of data explained by an <see cref="MlpFeatureContributionTransformer"/>, in row order.
    /// Keep all contributions (the default 10 positive and 10 negative may leave out a reason) and, for amounts in the
    /// output's units, do not normalize them.
    /// </summary>
    /// <param name="explained">Data with the contribution column and the feature-value column.</param>
    /// <param name="sign">Which contributions are reasons: <see cref="ContributionSign.Positive"/> when the explained output is a risk.</param>
    /// <param name="options">Count, column names and grouping; null for the defaults.</param>
    /// <exception cref="ArgumentException">A column is missing or the two columns differ in length.</exception>
    public static IReadOnlyList<IReadOnlyList<FeatureReason>> FromData(IDataView explained, ContributionSign sign, ReasonCodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(explained);
        options ??= new ReasonCodeOptions();
        var contributionColumn = SchemaChecks.Require(explained.Schema, options.ContributionsColumnName, "contributions");
        var values = FeatureColumn.Find(explained.Schema, options.FeatureValuesColumnName);
        if (contributionColumn.Type is not VectorDataViewType { ItemType: NumberDataViewType { RawType: var raw }, Size: var size } || raw != typeof(float) || size != values.Size)
            throw SchemaChecks.Mismatch("contributions", contributionColumn.Name, $"Vector<Single, {values.Size}> (one contribution per slot of '{values.Column.Name}')", contributionColumn.Type,
                "Pass data explained by CalculateMlpFeatureContribution, and the feature-value column with the same slots.");
        string[] names = Enumerable.Range(0, size)
            .Select(slot => SlotNames.Of(contributionColumn, slot) ?? SlotNames.Of(values.Column, slot) ?? $"Feature {slot}")
            .ToArray();

        var reasons = new List<IReadOnlyList<FeatureReason>>();
        using var cursor = explained.GetRowCursor([contributionColumn, values.Column]);
        var contributionGetter = cursor.GetGetter<VBuffer<float>>(contributionColumn);
        var valueReader = values.CreateReader(cursor);
        VBuffer<float> contribution = default;
        var dense = new float[size];
        var rowValues = new float[size];
        while (cursor.MoveNext())
        {
            contributionGetter(ref contribution);
            contribution.CopyTo(dense);
            valueReader.Read(rowValues, cursor.Position);
            reasons.Add(Top(dense, rowValues, names, sign, options.Count, options.GroupSlotsByColumn));
        }
        return reasons;
    }

    private static IEnumerable<FeatureReason> Slots(ReadOnlySpan<float> contributions, ReadOnlySpan<float> values, IReadOnlyList<string> names)
    {
        var reasons = new FeatureReason[contributions.Length];
        for (int slot = 0; slot < reasons.Length; slot++) reasons[slot] = new FeatureReason(names[slot], contributions[slot], values[slot]);
        return reasons;
    }

    /// <summary>One reason per column prefix ("Column" of "Column.Slot"); a slot without a dot is its own group.</summary>
    private static IEnumerable<FeatureReason> Grouped(ReadOnlySpan<float> contributions, ReadOnlySpan<float> values, IReadOnlyList<string> names)
    {
        var groups = new List<(string Column, List<int> Slots)>();
        var byColumn = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int slot = 0; slot < names.Count; slot++)
        {
            int dot = names[slot].IndexOf('.');
            string column = dot > 0 ? names[slot][..dot] : names[slot];
            if (!byColumn.TryGetValue(column, out var slots))
            {
                byColumn[column] = slots = [];
                groups.Add((column, slots));
            }
            slots.Add(slot);
        }
        var reasons = new FeatureReason[groups.Count];
        for (int g = 0; g < groups.Count; g++)
        {
            var (column, slots) = groups[g];
            float sum = 0;
            foreach (int slot in slots) sum += contributions[slot];
            if (slots.Count == 1 && names[slots[0]] == column)
            {
                reasons[g] = new FeatureReason(column, sum, values[slots[0]]);
                continue;
            }
            int set = -1;
            foreach (int slot in slots) if (values[slot] != 0 && (set < 0 || values[slot] > values[set])) set = slot;
            reasons[g] = set < 0
                ? new FeatureReason(column, sum, 0f, NoCategory)
                : new FeatureReason(column, sum, values[set], names[set][(column.Length + 1)..]);
        }
        return reasons;
    }

    /// <summary>The category of a one-hot group none of whose slots is set (a value not seen when the encoding was fitted).</summary>
    public const string NoCategory = "(none of the trained categories)";
}
