namespace MedicalImaging.Images;

/// <summary>
/// A text progress bar: redrawn in place at every whole percent on a terminal; when the output is
/// redirected (a file, a test), one line per quarter instead of carriage-return noise.
/// </summary>
public sealed class ConsoleProgress(TextWriter output, string what, int total)
{
    private readonly bool _redraw = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
    private const int Width = 30;
    private int _lastPercent = -1;

    /// <summary>Shows that <paramref name="done"/> of the total are finished; ends the line at the total.</summary>
    public void Report(int done)
    {
        int percent = total == 0 ? 100 : (int)(100L * done / total);
        if (!_redraw) percent -= percent % 25;
        if (percent == _lastPercent) return;
        _lastPercent = percent;
        int filled = Width * percent / 100;
        string bar = $"  {what} [{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total}";
        if (!_redraw) output.WriteLine(bar);
        else
        {
            output.Write($"\r{bar}");
            if (done >= total) output.WriteLine();
        }
    }
}
