using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MlNetNeural;
using MlNetNeural.Reports;

namespace CreditScoring;

/// <summary>
/// The whole sample as one callable step: load the data, compare the MLP with LightGBM and logistic regression
/// by nested cross-validation (AUC, expected cost at 0.5 and at the cost-minimising threshold), compute
/// attribute importance, fit the deployed MLP on all rows, save it (with its decision threshold and feature
/// contributions inside) and its decision policy, score and explain example applicants with the model reloaded in a
/// new MLContext, and write the report.
/// </summary>
public static class CreditScoringStudy
{
    /// <summary>Runs the study; progress lines go to <paramref name="log"/>.</summary>
    public static StudyResult Run(StudySettings settings, Action<string> log)
    {
        var clock = Stopwatch.StartNew();
        void Progress(string message) => log(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,5:F1} s] {message}"));

        var ml = new MLContext(seed: settings.Seed);
        var all = CreditData.Load(ml, settings.DataPath);
        var rows = settings.RowLimit is int limit ? all.Take(limit).ToList() : all;
        Progress($"Loaded {rows.Count} applications ({rows.Count(r => r.Label)} bad) from {settings.DataPath}");

        var mlp = ModelCandidate.Mlp(settings.Seed, settings.Mlp);
        var evaluations = new[] { mlp, ModelCandidate.LightGbm(settings.Seed), ModelCandidate.LogisticRegression() }
            .Select(candidate => CandidateEvaluation.Run(ml, candidate, rows, settings, Progress))
            .ToArray();
        var mlpEvaluation = evaluations[0];

        Progress($"Permutation importance of the 20 attributes ({settings.PermutationCount} shuffles per outer fold)");
        var importance = AttributeImportance.Compute(ml, mlpEvaluation.Folds, settings.PermutationCount, settings.Seed);

        Progress($"Deployed MLP: {settings.InnerFolds}-fold CV on all rows for threshold and calibration, then the final fit on all rows");
        var finalMlp = ModelCandidate.Mlp(settings.Seed, settings.Mlp, epoch =>
        {
            if (epoch.Epoch % 10 == 0) Progress(string.Create(CultureInfo.InvariantCulture, $"  epoch {epoch.Epoch}: train loss {epoch.TrainLoss:F4}"));
        });
        var deployed = CostAwareModel.Fit(ml, mlp, rows, settings.InnerFolds, settings.Seed, finalCandidate: finalMlp);
        Progress(string.Create(CultureInfo.InvariantCulture, $"Deployed model: calibration {deployed.Calibration.Describe()}, threshold {deployed.Threshold:F3}"));

        Directory.CreateDirectory(settings.OutputDirectory);
        var modelPath = Path.Combine(settings.OutputDirectory, "credit-mlp.zip");
        var policyPath = Path.Combine(settings.OutputDirectory, "credit-policy.json");
        ml.Model.SaveSafely(DeployedPipeline.Build(ml, deployed, rows), ml.Data.LoadFromEnumerable<CreditApplication>([]).Schema, modelPath);
        var policy = new DecisionPolicy(deployed.Threshold, deployed.Calibration.Kind.ToString(), DecisionCost.FalseNegative, DecisionCost.FalsePositive);
        policy.Save(policyPath);

        var scored = SavedModelScoring.Score(modelPath, policyPath, ExampleApplicants.All.Select(e => e.Application).ToArray());
        var examples = ExampleApplicants.All.Select((e, i) => (e.Description, scored[i])).ToArray();
        Progress("Example applicants scored and explained by the saved model, reloaded in a new MLContext");

        var report = CreditReport.Build(ml, rows, evaluations, importance, deployed, examples, settings);
        var htmlPath = Path.Combine(settings.OutputDirectory, "credit-report.html");
        report.WriteHtml(htmlPath);
        var markdownPath = report.WriteMarkdown(Path.Combine(settings.OutputDirectory, "credit-report-md"));
        Progress("Report written");

        return new StudyResult(evaluations, mlpEvaluation.LogLoss(ml), importance, deployed, policy, modelPath, policyPath, htmlPath, markdownPath,
            examples, clock.Elapsed);
    }
}

/// <summary>What <see cref="CreditScoringStudy.Run"/> measured and wrote.</summary>
/// <param name="Evaluations">Nested-CV results, MLP first, then LightGBM and logistic regression.</param>
/// <param name="MlpLogLoss">MLP log-loss (bits) over the outer test rows before and after calibration.</param>
/// <param name="Importance">Attribute permutation importance of the MLP.</param>
/// <param name="Deployed">The MLP fitted on all rows, with its calibration and threshold.</param>
/// <param name="Policy">The saved decision policy.</param>
/// <param name="ModelPath">The saved model.</param>
/// <param name="PolicyPath">The saved decision policy.</param>
/// <param name="HtmlReportPath">The HTML report.</param>
/// <param name="MarkdownReportPath">The Markdown report (PNG charts next to it).</param>
/// <param name="Examples">The example applicants scored and explained by the reloaded model.</param>
/// <param name="Elapsed">Wall-clock time of the whole run.</param>
public sealed record StudyResult(
    IReadOnlyList<CandidateEvaluation> Evaluations,
    (double Uncalibrated, double Deployed) MlpLogLoss,
    PermutationImportance Importance,
    CostAwareModel Deployed,
    DecisionPolicy Policy,
    string ModelPath,
    string PolicyPath,
    string HtmlReportPath,
    string MarkdownReportPath,
    IReadOnlyList<(string Description, ApplicantDecision Decision)> Examples,
    TimeSpan Elapsed);
