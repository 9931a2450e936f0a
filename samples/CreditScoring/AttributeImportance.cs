using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Reports;

namespace CreditScoring;

/// <summary>
/// Permutation importance of the 20 original attributes (not of the 61 one-hot slots): an attribute's values
/// are shuffled across the held-out rows of each outer fold, the fold's model rescores them, and the drop in
/// AUC is recorded. A categorical attribute is shuffled as a whole, so its one-hot slots move together.
/// </summary>
public static class AttributeImportance
{
    /// <summary>Column name → property of <see cref="CreditApplication"/>, as ML.NET maps them.</summary>
    private static readonly IReadOnlyDictionary<string, PropertyInfo> Properties = SchemaDefinition.Create(typeof(CreditApplication))
        .ToDictionary(column => column.ColumnName, column => typeof(CreditApplication).GetProperty(column.MemberName)!);

    /// <summary>Mean and standard deviation of the AUC drop per attribute, over every (outer fold, permutation) pair.</summary>
    public static PermutationImportance Compute(MLContext ml, IReadOnlyList<OuterFold> folds, int permutationCount, int seed)
    {
        var drops = CreditData.Attributes.ToDictionary(name => name, _ => new List<double>());
        var random = new Random(seed);
        foreach (var fold in folds)
        {
            double baseline = fold.Auc;
            foreach (var attribute in CreditData.Attributes)
            {
                for (int permutation = 0; permutation < permutationCount; permutation++)
                {
                    var shuffled = Shuffle(fold.Test, Properties[attribute], random);
                    drops[attribute].Add(baseline - Metrics.Auc(ml, CostAwareModel.Score(ml, fold.Model.Uncalibrated, shuffled)));
                }
            }
        }
        return new PermutationImportance("AUC", drops.Select(pair => new FeatureImportance(pair.Key, pair.Value.Average(), Statistics.StandardDeviation(pair.Value))));
    }

    private static List<LabeledApplication> Shuffle(IReadOnlyList<LabeledApplication> rows, PropertyInfo attribute, Random random)
    {
        var values = rows.Select(attribute.GetValue).ToArray();
        random.Shuffle(values);
        var copies = rows.Select(row => (LabeledApplication)row.CopyApplication()).ToList();
        for (int i = 0; i < copies.Count; i++) attribute.SetValue(copies[i], values[i]);
        return copies;
    }
}
