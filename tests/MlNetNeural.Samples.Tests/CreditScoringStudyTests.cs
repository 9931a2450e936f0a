using System.Net;
using CreditScoring;
using Microsoft.ML;

namespace MlNetNeural.Samples.Tests;

/// <summary>The sample's whole path (nested CV, threshold, calibration, report, save, reload) on 300 rows with small folds.</summary>
public sealed class CreditScoringStudyTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "credit-scoring-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_output)) Directory.Delete(_output, recursive: true);
    }

    [Fact]
    public void Small_study_runs_end_to_end_and_its_numbers_hang_together()
    {
        var log = new List<string>();
        var result = CreditScoringStudy.Run(new StudySettings
        {
            OutputDirectory = _output, RowLimit = 300, OuterFolds = 3, InnerFolds = 3, PermutationCount = 1, Mlp = MlpConfiguration.Chosen with { Epochs = 20 },
        }, log.Add);

        Assert.Equal(["MLP (MlNetNeural)", "LightGBM", "Logistic regression (L-BFGS)"], result.Evaluations.Select(e => e.Name));
        var mlp = result.Evaluations[0];
        Assert.All(result.Evaluations, e => Assert.Equal(3, e.Folds.Count));
        Assert.All(result.Evaluations, e => Assert.Equal(300, e.Decided.Count));
        Assert.True(mlp.MeanAuc > 0.65, $"MLP cross-validated AUC {mlp.MeanAuc} on 300 rows; a broken feature pipeline gives about 0.55.");

        foreach (var fold in mlp.Folds)
        {
            var model = fold.Model;
            var labels = model.OutOfFold.Select(r => r.Label).ToArray();
            var probabilities = model.OutOfFold.Select(r => r.Probability).ToArray();
            Assert.True(model.OutOfFoldCost <= DecisionCost.PerApplicant(labels, probabilities, 0.5));
            Assert.True(model.OutOfFoldCost <= DecisionCost.PerApplicant(labels, probabilities, DecisionCost.BayesThreshold));
            Assert.All(fold.Decided, row => Assert.Equal(row.Probability >= model.Threshold, row.PredictedLabel));
            Assert.Empty(fold.Test.Intersect(mlp.Folds.Where(other => other != fold).SelectMany(other => other.Test)));
        }

        Assert.Equal(CreditData.Attributes.Order(), result.Importance.Features.Select(f => f.FeatureName).Order());
        Assert.Contains(log, line => line.Contains("MLP (MlNetNeural), outer fold 3/3"));
        Assert.Contains(log, line => line.Contains("epoch 20: train loss"));

        var html = File.ReadAllText(result.HtmlReportPath);
        Assert.Contains("<h3>Evaluation notes</h3>", html);
        Assert.Contains("data-plot=\"calibration\"", html);
        Assert.Contains("data-plot=\"feature-importance\"", html);
        Assert.Contains("<dt>Trainer</dt><dd>MlpBinaryTrainer</dd>", html);
        Assert.Contains("<td><code>PositiveClassWeight</code></td>", html);
        var decided = mlp.Decided;
        Assert.Equal(decided.Count(r => r.Label && r.PredictedLabel), ConfusionCount(html, actual: 0, predicted: 0));
        Assert.Equal(decided.Count(r => !r.Label && r.PredictedLabel), ConfusionCount(html, actual: 1, predicted: 0));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(result.MarkdownReportPath)!, "calibration.png")));
        Assert.Equal(result.Deployed.Threshold, DecisionPolicy.Load(result.PolicyPath).Threshold);

        // Every declined example applicant is explained: up to four reasons that raised the risk, listed in the report.
        var declined = result.Examples.Where(e => e.Decision.PredictedBad).ToArray();
        Assert.NotEmpty(declined);
        Assert.All(declined, example =>
        {
            Assert.InRange(example.Decision.Reasons.Count, 1, 4);
            Assert.All(example.Decision.Reasons, reason => Assert.True(reason.Contribution > 0));
            Assert.Equal(CreditData.Attributes.Order(), example.Decision.Contributions.Select(c => c.Feature).Order());
            Assert.Contains(WebUtility.HtmlEncode(example.Description), html);
            foreach (var reason in example.Decision.Reasons) Assert.Contains($"<td>{reason.Feature}</td>", html);
        });
        Assert.Empty(result.Examples.Where(e => !e.Decision.PredictedBad).SelectMany(e => e.Decision.Reasons));
        Assert.Contains("<section id=\"explained-cases\">", html);
        Assert.Contains("data-plot=\"first-layer-weights\"", html);
    }

    /// <summary>The report's confusion-matrix count (class 0 = bad, 1 = good).</summary>
    private static int ConfusionCount(string html, int actual, int predicted)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, $"data-actual=\"{actual}\" data-predicted=\"{predicted}\" data-value=\"(?<value>\\d+)\"");
        Assert.True(match.Success, $"No confusion cell ({actual}, {predicted}) in the report.");
        return int.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Reloaded_model_scores_like_the_one_in_memory()
    {
        var result = CreditScoringStudy.Run(new StudySettings
        {
            OutputDirectory = _output, RowLimit = 200, OuterFolds = 2, InnerFolds = 2, PermutationCount = 1, Mlp = MlpConfiguration.Chosen with { Epochs = 5 },
        }, _ => { });

        var ml = new MLContext();
        using var engine = ml.Model.CreatePredictionEngine<CreditApplication, ProbabilityOnly>(result.Deployed.Model);
        Assert.Equal(ExampleApplicants.All.Count, result.Examples.Count);
        for (int i = 0; i < result.Examples.Count; i++)
        {
            var expected = engine.Predict(ExampleApplicants.All[i].Application).Probability;
            var decision = result.Examples[i].Decision;
            Assert.Equal(expected, decision.ProbabilityOfDefault, 6);
            Assert.Equal(expected >= result.Deployed.Threshold, decision.PredictedBad);
        }
    }

    private sealed class ProbabilityOnly
    {
        public float Probability { get; set; }
    }

    [Fact]
    public void A_file_with_another_header_is_rejected_with_the_expected_header()
    {
        Directory.CreateDirectory(_output);
        var path = Path.Combine(_output, "other.csv");
        File.WriteAllText(path, "a,b,c\n1,2,3\n");

        var error = Assert.Throws<InvalidDataException>(() => CreditData.Load(new MLContext(), path));

        Assert.Contains("does not start with the Statlog header", error.Message);
        Assert.Contains("Found: a,b,c", error.Message);
    }
}
