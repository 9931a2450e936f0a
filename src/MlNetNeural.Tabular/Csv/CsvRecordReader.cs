using System.Text;

namespace MlNetNeural.Tabular;

/// <summary>
/// Splits delimited text into records (RFC 4180): quoted fields may hold the separator, doubled quotes and
/// line breaks; unquoted fields are trimmed of spaces; blank lines are skipped.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly char _separator;
    private readonly char _quote;
    private readonly string _source;
    private readonly StringBuilder _field = new();
    private long _line;

    public CsvRecordReader(TextReader reader, char separator, char quote, string source)
    {
        _reader = reader;
        _separator = separator;
        _quote = quote;
        _source = source;
    }

    /// <summary>The 1-based line on which the last record returned by <see cref="TryRead"/> started.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Reads the next non-blank record into <paramref name="fields"/>; false at the end of the text.</summary>
    /// <param name="fields">Cleared, then filled with the record's fields.</param>
    /// <param name="endOfSample">When true, a quote still open at the end is a truncated sample, not an error: returns false.</param>
    public bool TryRead(List<string> fields, bool endOfSample = false)
    {
        fields.Clear();
        string? line;
        do
        {
            line = _reader.ReadLine();
            _line++;
            if (line is null) return false;
        } while (line.Trim().Length == 0);

        RecordLine = _line;
        _field.Clear();
        bool quoted = false, wasQuoted = false;
        int i = 0;
        while (true)
        {
            if (i == line.Length)
            {
                if (!quoted)
                {
                    fields.Add(Finish(wasQuoted));
                    return true;
                }
                string? next = _reader.ReadLine();
                _line++;
                if (next is null)
                {
                    if (endOfSample) return false;
                    throw new TabularDataException(TabularProblem.UnclosedQuote,
                        $"{_source}: the quoted field that starts on line {RecordLine} is never closed (no matching {_quote}). " +
                        $"Check that quotes inside fields are doubled (\"\"), or read the file with another {nameof(CsvFormat.Quote)} character.",
                        _source, RecordLine);
                }
                _field.Append('\n');
                line = next;
                i = 0;
                continue;
            }

            char c = line[i++];
            if (quoted)
            {
                if (c != _quote) _field.Append(c);
                else if (i < line.Length && line[i] == _quote) { _field.Append(_quote); i++; }
                else quoted = false;
            }
            else if (c == _separator)
            {
                fields.Add(Finish(wasQuoted));
                wasQuoted = false;
            }
            else if (c == _quote && IsFieldStart())
            {
                quoted = wasQuoted = true;
                _field.Clear();
            }
            else
            {
                _field.Append(c);
            }
        }
    }

    // A quote opens a quoted field only at the start of the field (after optional spaces).
    private bool IsFieldStart()
    {
        for (int k = 0; k < _field.Length; k++)
        {
            if (_field[k] != ' ') return false;
        }
        return true;
    }

    private string Finish(bool wasQuoted)
    {
        string text = wasQuoted ? _field.ToString() : _field.ToString().Trim(' ');
        _field.Clear();
        return text;
    }
}
