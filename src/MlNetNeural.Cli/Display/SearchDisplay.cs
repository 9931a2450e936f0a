using System.Diagnostics;
using MlNetNeural.Tabular;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MlNetNeural.Cli.Display;

/// <summary>
/// Shows the search while it runs: in an interactive terminal a live panel (phase, running trial and its epochs, best
/// so far, time left, the latest trials); elsewhere (redirected output, CI) one plain line per finished trial.
/// </summary>
internal sealed class SearchDisplay
{
    private const int RecentTrials = 8;
    private readonly CliEnvironment _environment;
    private readonly TabularMetric _metric;
    private readonly string _budget;
    private readonly Queue<MlpTrial> _recent = new();
    private readonly Stopwatch _sinceRefresh = Stopwatch.StartNew();
    private MlpSearchProgress? _last;
    private bool _final;

    public SearchDisplay(CliEnvironment environment, TabularMetric metric, string budget)
    {
        _environment = environment;
        _metric = metric;
        _budget = budget;
    }

    /// <summary>The final fit in words: the networks it trains (its epochs over the candidate's) and on what.</summary>
    private static string FinalFit(MlpSearchProgress progress) => progress.EpochsTotal / Math.Max(1, progress.Trial.Epochs) is var networks && networks <= 1
        ? "on every training row"
        : $"{networks} networks (an ensemble), on every training row";

    /// <summary>Runs <paramref name="search"/>, giving it the progress callback, while the display shows it.</summary>
    public T Show<T>(Func<Action<MlpSearchProgress>, T> search)
    {
        _environment.Line($"Searching ({_budget}); ranked by validation {_metric.DisplayName}. Ctrl+C ends the search and keeps the best so far.");
        if (!_environment.IsLive) return search(Plain);
        T result = default!;
        _environment.Console.Live(Render()).AutoClear(true).Start(context =>
        {
            result = search(progress =>
            {
                Track(progress);
                if (progress.Event != MlpSearchEvent.Epoch || _sinceRefresh.ElapsedMilliseconds >= 100)
                {
                    context.UpdateTarget(Render());
                    _sinceRefresh.Restart();
                }
            });
        });
        return result;
    }

    private void Plain(MlpSearchProgress progress)
    {
        if (progress.Event == MlpSearchEvent.FinalFit)
            _environment.Line($"Final fit: {progress.Trial.Candidate}, {progress.Trial.Epochs} epochs, {FinalFit(progress)}.");
        if (progress.Event != MlpSearchEvent.TrialFinished) return;
        string left = progress.Remaining is { } remaining ? $"  ({remaining.TotalSeconds:0} s left)" : progress.TrialsLeft is { } n ? $"  ({n} trials left)" : "";
        string best = progress.Best is { } b ? $"  best {TrialText.Metric(_metric, b.Metric)} (trial {b.Number})" : "";
        _environment.Line($"  {TrialText.Line(_metric, progress.Trial)}{best}{left}");
    }

    private void Track(MlpSearchProgress progress)
    {
        _last = progress;
        _final |= progress.Event == MlpSearchEvent.FinalFit;
        if (progress.Event != MlpSearchEvent.TrialFinished) return;
        _recent.Enqueue(progress.Trial);
        while (_recent.Count > RecentTrials) _recent.Dequeue();
    }

    private IRenderable Render()
    {
        var status = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        bool final = _final;
        status.AddRow("[bold]Phase[/]", final && _last is { } fit ? $"final fit of the chosen candidate: {FinalFit(fit)}" : "search: random candidates, successive halving (ASHA) over epochs");
        if (_last is { } p)
        {
            var t = p.Trial;
            string running = p.Event == MlpSearchEvent.TrialFinished ? "starting the next trial"
                : final ? $"epoch {p.EpochsDone} of {p.EpochsTotal}"
                : $"trial {t.Number}, candidate {t.CandidateNumber}, {TrialText.Rung(t)}: epoch {p.EpochsDone} of {p.EpochsTotal}";
            status.AddRow("[bold]Trial[/]", Markup.Escape(running));
            status.AddRow("[bold]Candidate[/]", Markup.Escape(t.Candidate.ToString()));
            status.AddRow("[bold]Best so far[/]", Markup.Escape(p.Best is { } b
                ? $"{_metric.DisplayName} {TrialText.Metric(_metric, b.Metric)} (trial {b.Number}, {TrialText.Rung(b)}): {b.Candidate}" : "none yet"));
            string left = p.Remaining is { } r ? $"{r.TotalSeconds:0} s" : p.TrialsLeft is { } n ? $"{n} trials" : "";
            status.AddRow("[bold]Left[/]", Markup.Escape($"{left} (elapsed {p.Elapsed.TotalSeconds:0} s)"));
        }
        var table = new Table().Border(TableBorder.Simple).AddColumns("trial", "cand.", "rung (epochs)", $"val. {_metric.DisplayName}", "seconds", "candidate");
        foreach (var trial in _recent)
        {
            table.AddRow(trial.Number.ToString(), trial.CandidateNumber.ToString(), $"{trial.Rung} ({trial.Epochs})",
                Markup.Escape(trial.Outcome == MlpTrialOutcome.Completed ? TrialText.Metric(_metric, trial.Metric) : trial.Outcome.ToString().ToLowerInvariant()),
                TrialText.Seconds(trial.Seconds), Markup.Escape(trial.Candidate.ToString()));
        }
        return new Rows(new Panel(status).Header("mlnn train").Expand(), table);
    }
}
