using System.Globalization;
using CreditScoring;

// Credit scoring on Statlog German Credit: MLP vs LightGBM vs logistic regression, cost-aware threshold,
// calibration, report, and the saved model reloaded and used. Optional argument: output directory.
// With --tune instead: the inner-CV comparison of MLP settings behind MlpConfiguration.Chosen (a few minutes).
var text = CultureInfo.InvariantCulture;
if (args is ["--tune"])
{
    var scores = MlpTuning.Run(new StudySettings(), MlpTuning.Grid, Console.WriteLine);
    Console.WriteLine("Mean inner-CV AUC over the outer folds' training rows (no outer test row used):");
    foreach (var (configuration, auc) in scores.OrderByDescending(pair => pair.Value.Average()))
        Console.WriteLine(string.Create(text, $"  {auc.Average():F4}  {configuration}  (per fold: {string.Join(" ", auc.Select(a => a.ToString("F3", text)))})"));
    return;
}

var settings = args.Length > 0 ? new StudySettings { OutputDirectory = Path.GetFullPath(args[0]) } : new StudySettings();
var result = CreditScoringStudy.Run(settings, Console.WriteLine);

Console.WriteLine();
Console.WriteLine(string.Create(text, $"Nested {settings.OuterFolds}-fold cross-validation (inner {settings.InnerFolds}-fold) on {result.Evaluations[0].Decided.Count:N0} applicants; cost: bad accepted = 5, good rejected = 1"));
Console.WriteLine($"{"model",-30} {"AUC mean ± sd",-16} {"cost @0.5",10} {"cost @chosen",13}");
foreach (var e in result.Evaluations)
    Console.WriteLine(string.Create(text, $"{e.Name,-30} {e.MeanAuc:F3} ± {e.AucStandardDeviation:F3}    {e.CostAtHalf,10:F3} {e.CostAtChosenThreshold,13:F3}"));
Console.WriteLine(string.Create(text, $"MLP log-loss before / after calibration: {result.MlpLogLoss.Uncalibrated:F3} / {result.MlpLogLoss.Deployed:F3} bits"));
Console.WriteLine(string.Create(text, $"Deployed MLP: {result.Deployed.Calibration.Describe()}; predict bad when P(bad) >= {result.Policy.Threshold:F3}"));
Console.WriteLine();
Console.WriteLine("Example applicants, scored by the model reloaded in a new MLContext (its PredictedLabel is the policy's decision):");
foreach (var (description, decision) in result.Examples)
{
    Console.WriteLine(string.Create(text, $"  {description,-45} P(default) = {decision.ProbabilityOfDefault:F3} -> {(decision.PredictedBad ? "bad: reject or review" : "good: accept")}"));
    if (decision.PredictedBad)
        Console.WriteLine($"      principal reasons (contribution to the log-odds of default): {string.Join("; ", decision.Reasons)}");
}
Console.WriteLine();
Console.WriteLine($"Model:  {result.ModelPath}");
Console.WriteLine($"Policy: {result.PolicyPath}");
Console.WriteLine($"Report: {result.HtmlReportPath}");
Console.WriteLine($"        {result.MarkdownReportPath}");
Console.WriteLine(string.Create(text, $"Finished in {result.Elapsed.TotalSeconds:F0} s."));
