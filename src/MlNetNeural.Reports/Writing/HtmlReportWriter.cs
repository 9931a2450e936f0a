using System.Net;
using System.Text;

namespace MlNetNeural.Reports.Writing;

/// <summary>
/// Renders a report as one self-contained HTML page: inline CSS, charts inlined as SVG, no scripts, no external resources.
/// Every number a test or tool may want to read back carries its exact value in a <c>data-*</c> attribute.
/// </summary>
internal static class HtmlReportWriter
{
    public static string Render(EvaluationReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(report.Title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");
        html.Append("<h1>").Append(Encode(report.Title)).Append("</h1>\n")
            .Append("<p class=\"subtitle\">").Append(Encode(TaskName(report.Kind))).Append(" · ")
            .Append(Encode(report.EvaluatedRowCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))).Append(" rows evaluated · metrics computed by ML.NET ")
            .Append(Encode(report.MlNetVersion)).Append("</p>\n");
        AppendMetrics(html, report);
        AppendPerClass(html, report);
        AppendConfusionMatrix(html, report);
        AppendPlots(html, report);
        AppendExplainedCases(html, report);
        AppendModelCard(html, report);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendMetrics(StringBuilder html, EvaluationReport report)
    {
        html.Append("<section id=\"metrics\">\n<h2>Metrics</h2>\n<table class=\"metrics\">\n<thead><tr><th>Metric</th><th>Value</th><th>Meaning</th></tr></thead>\n<tbody>\n");
        foreach (var metric in report.Metrics)
        {
            html.Append("<tr><td>").Append(Encode(metric.DisplayName)).Append("</td>")
                .Append("<td class=\"num\" data-metric=\"").Append(Encode(metric.Key)).Append("\" data-value=\"").Append(NumberText.Exact(metric.Value)).Append("\">")
                .Append(NumberText.Display(metric.Value)).Append("</td><td>").Append(Encode(metric.Description)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendPerClass(StringBuilder html, EvaluationReport report)
    {
        if (report.PerClassMetrics.Count == 0)
            return;
        html.Append("<section id=\"per-class\">\n<h2>Per-class precision and recall</h2>\n<table class=\"per-class\">\n")
            .Append("<thead><tr><th>Class</th><th>Precision</th><th>Recall</th><th>Support (rows)</th></tr></thead>\n<tbody>\n");
        foreach (var row in report.PerClassMetrics)
        {
            var name = Encode(row.ClassName);
            html.Append("<tr data-class=\"").Append(name).Append("\"><td>").Append(name).Append("</td>")
                .Append(NumberCell("precision", row.Precision, NumberText.Display))
                .Append(NumberCell("recall", row.Recall, NumberText.Display))
                .Append(NumberCell("support", row.Support, NumberText.Count)).Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendConfusionMatrix(StringBuilder html, EvaluationReport report)
    {
        if (report.ConfusionMatrix is not { } matrix)
            return;
        html.Append("<section id=\"confusion\">\n<h2>Confusion matrix (counts)</h2>\n");
        if (report.DecisionRule is { } rule)
            html.Append("<p class=\"decision-rule\">Decisions: ").Append(Encode(rule)).Append("</p>\n");
        html.Append("<table class=\"confusion\">\n<thead><tr><th>Actual ↓ / Predicted →</th>");
        foreach (var name in matrix.ClassNames)
            html.Append("<th>").Append(Encode(name)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        for (var actual = 0; actual < matrix.ClassNames.Count; actual++)
        {
            html.Append("<tr><th>").Append(Encode(matrix.ClassNames[actual])).Append("</th>");
            for (var predicted = 0; predicted < matrix.ClassNames.Count; predicted++)
            {
                var count = matrix.Counts[actual][predicted];
                html.Append("<td class=\"num").Append(actual == predicted ? " diagonal" : "").Append("\" data-actual=\"").Append(actual)
                    .Append("\" data-predicted=\"").Append(predicted).Append("\" data-value=\"").Append(NumberText.Exact(count)).Append("\">")
                    .Append(NumberText.Count(count)).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendPlots(StringBuilder html, EvaluationReport report)
    {
        html.Append("<section id=\"charts\">\n<h2>Charts</h2>\n");
        foreach (var plot in report.Plots)
        {
            html.Append("<figure data-plot=\"").Append(Encode(plot.Key)).Append("\">\n")
                .Append(InlineSvg.Prepare(plot.ToSvg(), plot.Key, plot.Title))
                .Append("\n<figcaption>").Append(Encode(plot.Caption)).Append("</figcaption>\n</figure>\n");
        }
        html.Append("</section>\n");
    }

    private static void AppendExplainedCases(StringBuilder html, EvaluationReport report)
    {
        if (report.ExplainedCases.Count == 0)
            return;
        html.Append("<section id=\"explained-cases\">\n<h2>Explained decisions</h2>\n")
            .Append("<p>").Append(Encode(ExplainedCaseText.Introduction)).Append("</p>\n");
        foreach (var explained in report.ExplainedCases)
        {
            html.Append("<article class=\"explained-case\">\n<h3>").Append(Encode(explained.Title)).Append("</h3>\n")
                .Append("<p class=\"decision\">").Append(Encode(explained.Decision)).Append("</p>\n");
            if (explained.Reasons.Count == 0)
                html.Append("<p>").Append(Encode(ExplainedCaseText.NoReasons)).Append("</p>\n");
            else
            {
                html.Append("<table class=\"reasons\">\n<thead><tr><th>Reason</th><th>Value</th><th>Contribution</th></tr></thead>\n<tbody>\n");
                foreach (var reason in explained.Reasons)
                {
                    html.Append("<tr><td>").Append(Encode(reason.Feature)).Append("</td><td>").Append(Encode(ExplainedCaseText.Value(reason))).Append("</td>")
                        .Append("<td class=\"num\" data-contribution=\"").Append(NumberText.Exact(reason.Contribution)).Append("\">")
                        .Append(Encode(ExplainedCaseText.Contribution(reason))).Append("</td></tr>\n");
                }
                html.Append("</tbody>\n</table>\n");
            }
            if (explained.Plot is { } plot)
            {
                html.Append("<figure data-plot=\"").Append(Encode(plot.Key)).Append("\">\n")
                    .Append(InlineSvg.Prepare(plot.ToSvg(), plot.Key, plot.Title))
                    .Append("\n<figcaption>").Append(Encode(plot.Caption)).Append("</figcaption>\n</figure>\n");
            }
            html.Append("</article>\n");
        }
        html.Append("</section>\n");
    }

    private static void AppendModelCard(StringBuilder html, EvaluationReport report)
    {
        html.Append("<section id=\"model-card\">\n<h2>Model card</h2>\n<dl>\n");
        foreach (var (label, value) in ModelCardFacts.Of(report))
            html.Append("<dt>").Append(Encode(label)).Append("</dt><dd>").Append(Encode(value)).Append("</dd>\n");
        html.Append("</dl>\n");
        if (report.ModelCard is not { } card)
        {
            html.Append("</section>\n");
            return;
        }
        if (card.LabelBalance.Count > 0)
        {
            var total = (double)card.LabelBalance.Sum(c => c.Count);
            html.Append("<h3>Label balance (training data)</h3>\n<table>\n<thead><tr><th>Class</th><th>Rows</th><th>Share</th></tr></thead>\n<tbody>\n");
            foreach (var entry in card.LabelBalance)
            {
                html.Append("<tr><td>").Append(Encode(entry.ClassName)).Append("</td><td class=\"num\">").Append(NumberText.Count(entry.Count))
                    .Append("</td><td class=\"num\">").Append(NumberText.Percent(total > 0 ? entry.Count / total : 0)).Append("</td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }
        if (card.PipelineSteps.Count > 0)
        {
            html.Append("<h3>Pipeline</h3>\n<ol class=\"pipeline\">\n");
            foreach (var step in card.PipelineSteps)
                html.Append("<li><code>").Append(Encode(step)).Append("</code></li>\n");
            html.Append("</ol>\n");
        }
        if (card.TrainerOptions.Count > 0)
        {
            html.Append("<h3>Trainer options</h3>\n<table>\n<thead><tr><th>Option</th><th>Value</th></tr></thead>\n<tbody>\n");
            foreach (var option in card.TrainerOptions)
                html.Append("<tr><td><code>").Append(Encode(option.Name)).Append("</code></td><td><code>").Append(Encode(option.Value)).Append("</code></td></tr>\n");
            html.Append("</tbody>\n</table>\n");
        }
        if (card.InactiveTrainerOptions.Count > 0)
        {
            html.Append("<p class=\"inactive-options\">Not listed, because they had no effect in this run: ");
            html.AppendJoin("; ", card.InactiveTrainerOptions.Select(option => $"<code>{Encode(option.Name)}</code> ({Encode(option.Value)})"));
            html.Append(".</p>\n");
        }
        if (card.EvaluationNotes.Count > 0)
        {
            html.Append("<h3>Evaluation notes</h3>\n<table>\n<tbody>\n");
            foreach (var note in card.EvaluationNotes)
                html.Append("<tr><th scope=\"row\">").Append(Encode(note.Name)).Append("</th><td>").Append(Encode(note.Value)).Append("</td></tr>\n");
            html.Append("</tbody>\n</table>\n");
        }
        foreach (var table in card.Tables)
            AppendTable(html, table);
        html.Append("</section>\n");
    }

    private static void AppendTable(StringBuilder html, ReportTable table)
    {
        html.Append("<h3>").Append(Encode(table.Title)).Append("</h3>\n");
        if (table.Description is { } description)
            html.Append("<p>").Append(Encode(description)).Append("</p>\n");
        html.Append("<table>\n<thead><tr>");
        foreach (var name in table.Header)
            html.Append("<th>").Append(Encode(name)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
                html.Append("<td>").Append(Encode(cell)).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static string NumberCell(string key, double value, Func<double, string> display)
        => $"<td class=\"num\" data-class-metric=\"{key}\" data-value=\"{NumberText.Exact(value)}\">{display(value)}</td>";

    internal static string TaskName(ReportKind kind) => kind switch
    {
        ReportKind.BinaryClassification => "Binary classification",
        ReportKind.MulticlassClassification => "Multiclass classification",
        ReportKind.Regression => "Regression",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown report kind."),
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private const string Css = """
        body { margin: 0; background: #f4f5f7; color: #1d1f23; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }
        main { max-width: 980px; margin: 0 auto; padding: 24px 32px 48px; background: #fff; }
        h1 { margin: 0 0 4px; font-size: 1.8em; }
        h2 { margin-top: 2em; padding-bottom: 4px; border-bottom: 2px solid #d0d4da; font-size: 1.35em; }
        h3 { margin-top: 1.4em; font-size: 1.1em; }
        .subtitle { margin: 0; color: #555b63; }
        table { border-collapse: collapse; margin: 8px 0 16px; }
        th, td { border: 1px solid #d0d4da; padding: 6px 10px; text-align: left; vertical-align: top; }
        thead th { background: #eef0f3; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.diagonal { background: #e6f0fa; font-weight: 600; }
        table.metrics td:last-child { color: #40454c; font-size: 0.93em; }
        figure { margin: 24px 0; }
        figure svg { display: block; max-width: 100%; height: auto; border: 1px solid #e1e4e8; }
        figcaption { margin-top: 6px; color: #40454c; font-size: 0.93em; max-width: 760px; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
        dt { font-weight: 600; }
        dd { margin: 0; }
        code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 0.92em; }
        @media print { body { background: #fff; } main { padding: 0; } figure { break-inside: avoid; } }

        """;
}
