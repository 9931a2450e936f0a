using System.Text;

namespace MlNetNeural.Reports.Writing;

/// <summary>Renders a report as Markdown that links the charts as PNG files lying next to it.</summary>
internal static class MarkdownReportWriter
{
    public static string ImageFileName(ReportPlot plot) => plot.Key + ".png";

    public static string Render(EvaluationReport report)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(Inline(report.Title)).Append("\n\n")
          .Append(HtmlReportWriter.TaskName(report.Kind)).Append(" · ")
          .Append(report.EvaluatedRowCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))
          .Append(" rows evaluated · metrics computed by ML.NET ").Append(Inline(report.MlNetVersion)).Append("\n\n");

        md.Append("## Metrics\n\n| Metric | Value | Meaning |\n|---|---:|---|\n");
        foreach (var metric in report.Metrics)
            md.Append("| ").Append(Cell(metric.DisplayName)).Append(" | ").Append(NumberText.Display(metric.Value)).Append(" | ").Append(Cell(metric.Description)).Append(" |\n");

        if (report.PerClassMetrics.Count > 0)
        {
            md.Append("\n## Per-class precision and recall\n\n| Class | Precision | Recall | Support (rows) |\n|---|---:|---:|---:|\n");
            foreach (var row in report.PerClassMetrics)
            {
                md.Append("| ").Append(Cell(row.ClassName)).Append(" | ").Append(NumberText.Display(row.Precision)).Append(" | ")
                  .Append(NumberText.Display(row.Recall)).Append(" | ").Append(NumberText.Count(row.Support)).Append(" |\n");
            }
        }

        if (report.ConfusionMatrix is { } matrix)
        {
            md.Append("\n## Confusion matrix (counts)\n\n");
            if (report.DecisionRule is { } rule)
                md.Append("Decisions: ").Append(Inline(rule)).Append("\n\n");
            md.Append("| Actual ↓ / Predicted → |");
            foreach (var name in matrix.ClassNames)
                md.Append(' ').Append(Cell(name)).Append(" |");
            md.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---:|", matrix.ClassNames.Count))).Append('\n');
            for (var actual = 0; actual < matrix.ClassNames.Count; actual++)
            {
                md.Append("| **").Append(Cell(matrix.ClassNames[actual])).Append("** |");
                foreach (var count in matrix.Counts[actual])
                    md.Append(' ').Append(NumberText.Count(count)).Append(" |");
                md.Append('\n');
            }
        }

        md.Append("\n## Charts\n");
        foreach (var plot in report.Plots)
        {
            md.Append("\n### ").Append(Inline(plot.Title)).Append("\n\n")
              .Append("![").Append(Inline(plot.Title)).Append("](").Append(ImageFileName(plot)).Append(")\n\n")
              .Append(Inline(plot.Caption)).Append('\n');
        }

        AppendExplainedCases(md, report);
        AppendModelCard(md, report);
        return md.ToString();
    }

    private static void AppendExplainedCases(StringBuilder md, EvaluationReport report)
    {
        if (report.ExplainedCases.Count == 0)
            return;
        md.Append("\n## Explained decisions\n\n").Append(Inline(ExplainedCaseText.Introduction)).Append('\n');
        foreach (var explained in report.ExplainedCases)
        {
            md.Append("\n### ").Append(Inline(explained.Title)).Append("\n\n").Append(Inline(explained.Decision)).Append("\n\n");
            if (explained.Reasons.Count == 0)
                md.Append(Inline(ExplainedCaseText.NoReasons)).Append('\n');
            else
            {
                md.Append("| Reason | Value | Contribution |\n|---|---|---:|\n");
                foreach (var reason in explained.Reasons)
                    md.Append("| ").Append(Cell(reason.Feature)).Append(" | ").Append(Cell(ExplainedCaseText.Value(reason))).Append(" | ").Append(ExplainedCaseText.Contribution(reason)).Append(" |\n");
            }
            if (explained.Plot is { } plot)
                md.Append("\n![").Append(Inline(plot.Title)).Append("](").Append(ImageFileName(plot)).Append(")\n\n").Append(Inline(plot.Caption)).Append('\n');
        }
    }

    private static void AppendModelCard(StringBuilder md, EvaluationReport report)
    {
        md.Append("\n## Model card\n\n| | |\n|---|---|\n");
        foreach (var (label, value) in ModelCardFacts.Of(report))
            md.Append("| **").Append(Cell(label)).Append("** | ").Append(Cell(value)).Append(" |\n");
        if (report.ModelCard is not { } card)
            return;
        if (card.LabelBalance.Count > 0)
        {
            var total = (double)card.LabelBalance.Sum(c => c.Count);
            md.Append("\n### Label balance (training data)\n\n| Class | Rows | Share |\n|---|---:|---:|\n");
            foreach (var entry in card.LabelBalance)
                md.Append("| ").Append(Cell(entry.ClassName)).Append(" | ").Append(NumberText.Count(entry.Count)).Append(" | ")
                  .Append(NumberText.Percent(total > 0 ? entry.Count / total : 0)).Append(" |\n");
        }
        if (card.PipelineSteps.Count > 0)
        {
            md.Append("\n### Pipeline\n\n");
            for (var i = 0; i < card.PipelineSteps.Count; i++)
                md.Append(i + 1).Append(". ").Append(Code(card.PipelineSteps[i])).Append('\n');
        }
        if (card.TrainerOptions.Count > 0)
        {
            md.Append("\n### Trainer options\n\n| Option | Value |\n|---|---|\n");
            foreach (var option in card.TrainerOptions)
                md.Append("| ").Append(Code(option.Name)).Append(" | ").Append(Code(option.Value)).Append(" |\n");
        }
        if (card.InactiveTrainerOptions.Count > 0)
        {
            md.Append("\nNot listed, because they had no effect in this run: ")
              .AppendJoin("; ", card.InactiveTrainerOptions.Select(option => $"{Code(option.Name)} ({Inline(option.Value)})")).Append(".\n");
        }
        if (card.EvaluationNotes.Count > 0)
        {
            md.Append("\n### Evaluation notes\n\n| | |\n|---|---|\n");
            foreach (var note in card.EvaluationNotes)
                md.Append("| ").Append(Cell(note.Name)).Append(" | ").Append(Cell(note.Value)).Append(" |\n");
        }
        foreach (var table in card.Tables)
        {
            md.Append("\n### ").Append(Inline(table.Title)).Append("\n\n");
            if (table.Description is { } description)
                md.Append(Inline(description)).Append("\n\n");
            md.Append("| ").AppendJoin(" | ", table.Header.Select(Cell)).Append(" |\n|").Append(string.Concat(table.Header.Select(_ => "---|"))).Append('\n');
            foreach (var row in table.Rows)
                md.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
        }
    }

    /// <summary>Text on one line with Markdown's inline markup characters escaped.</summary>
    private static string Inline(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            if ("\\`*_[]<>#|".Contains(c)) escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static string Cell(string text) => Inline(text);

    /// <summary>Inline code span; pipes still need escaping inside tables.</summary>
    private static string Code(string text)
    {
        var fence = text.Contains('`') ? "`` " : "`";
        var closing = text.Contains('`') ? " ``" : "`";
        return fence + text.ReplaceLineEndings(" ").Replace("|", "\\|") + closing;
    }
}
