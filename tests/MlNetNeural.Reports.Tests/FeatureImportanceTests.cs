using System.Collections.Immutable;
using Microsoft.ML;

namespace MlNetNeural.Reports.Tests;

[Collection(TrainedModelsCollection.Name)]
public sealed class FeatureImportanceTests(TrainedModels models)
{
    private readonly MLContext _ml = models.Ml;

    [Fact]
    public void Permutation_importance_is_the_negated_mean_change_and_the_chart_shows_the_top_features()
    {
        var importance = PermutationImportance.FromBinary(TestData.BreastCancerFeatureNames, models.BinaryImportance);
        var report = EvaluationReport.ForBinary(_ml, models.BinaryScored, options: new ReportOptions { FeatureImportance = importance, TopFeatureCount = 5 });

        Assert.Equal(30, importance.Features.Count);
        Assert.Equal(-models.BinaryImportance[0].AreaUnderRocCurve.Mean, importance.Features[0].MetricDecrease);
        Assert.Equal(models.BinaryImportance[0].AreaUnderRocCurve.StandardDeviation, importance.Features[0].StandardDeviation);
        var chart = report.Plots.Single(p => p.Key == "feature-importance").Model;
        var bars = chart.Series.OfType<OxyPlot.Series.ErrorBarSeries>().Single();
        var topFive = importance.Features.OrderByDescending(f => f.MetricDecrease).Take(5).Select(f => f.MetricDecrease);
        Assert.Equal(topFive, bars.Items.Select(i => i.Value));
    }

    [Fact]
    public void Permutation_importance_rejects_a_name_count_that_does_not_match()
    {
        var error = Assert.Throws<ArgumentException>(() => PermutationImportance.FromBinary(["only_one"], models.BinaryImportance));
        Assert.Contains("1 feature names were given for 30", error.Message);
    }

    [Fact]
    public void Dictionary_results_keyed_by_feature_name_are_accepted()
    {
        // Shape of what ML.NET's ITransformer overloads return (they need slot-name annotations this test data lacks).
        var statistics = TestData.BreastCancerFeatureNames.Zip(models.BinaryImportance).ToImmutableDictionary(p => p.First, p => p.Second);

        var importance = PermutationImportance.FromBinary(statistics);

        Assert.Equal(30, importance.Features.Count);
        Assert.Equal(-models.BinaryImportance[3].AreaUnderRocCurve.Mean, importance.Features.Single(f => f.FeatureName == "mean_area").MetricDecrease);
    }
}
