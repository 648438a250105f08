//! Additions to clap's completion scripts: the key-result paths
//! (`OWNER/OBJECTIVE/KEY_RESULT`) of `okr checkin <TAB>` and
//! `okr history <TAB>` complete from the OKR directory, by calling the hidden
//! `okr __complete-keys [--all] PREFIX`. clap's scripts are static; a hidden
//! subcommand and a few lines per shell keep them so, with no unstable clap
//! feature.

/// The subcommands whose first argument is a key-result path, with the flag
/// `__complete-keys` gets: `checkin` offers the key results that take
/// check-ins, `history` every one (dropped, kept in `current`).
pub const KEY_RESULT_COMMANDS: [(&str, &str); 2] = [("checkin", ""), ("history", "--all")];

/// The options of those subcommands (and global ones) that take a value, so
/// that a value is not counted as the path.
const VALUE_OPTIONS: &str = "--dir --color --confidence --note --date --quarter --format";

/// The zsh argument specs clap writes for a key-result path end in this
/// action, which is replaced by [`ZSH_FUNCTION`]'s.
const ZSH_DEFAULT: &str = ":_default' \\";

const ZSH_FUNCTION: &str = r#"(( $+functions[_okr_key_results] )) ||
_okr_key_results() {
    local -a keys dir
    local i=${words[(I)--dir]}
    (( i )) && dir=(--dir "${words[i+1]}")
    keys=(${(f)"$(okr $dir __complete-keys "$@" -- "$PREFIX" 2>/dev/null)"})
    compadd -a keys
}

"#;

fn bash() -> String {
    let cases: Vec<String> = KEY_RESULT_COMMANDS
        .iter()
        .map(|(sub, flag)| format!("{sub}) keys=({flag}) ;;"))
        .collect();
    let options = VALUE_OPTIONS.replace(' ', "|");
    format!(
        r#"
# Key-result paths for `okr checkin|history OWNER/OBJECTIVE/KEY_RESULT`, from the OKR directory.
_okr_key_results() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" word sub="" args=0 i
    local -a dir=() keys
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${{COMP_WORDS[i]}}"
        case "$word" in
            --dir) dir=(--dir "${{COMP_WORDS[i+1]}}"); ((i++)) ;;
            --dir=*) dir=(--dir "${{word#--dir=}}") ;;
            {options}) ((i++)) ;;
            -*) ;;
            *) if [[ -z "$sub" ]]; then sub="$word"; else ((args++)); fi ;;
        esac
    done
    case "$sub" in
        {cases}
        *) _okr "$@"; return ;;
    esac
    if [[ $args -eq 0 && "$cur" != -* ]]; then
        local IFS=$'\n'
        COMPREPLY=($(okr "${{dir[@]}}" __complete-keys "${{keys[@]}}" -- "$cur" 2>/dev/null))
        return 0
    fi
    _okr "$@"
}}
if [[ "${{BASH_VERSINFO[0]}}" -eq 4 && "${{BASH_VERSINFO[1]}}" -ge 4 || "${{BASH_VERSINFO[0]}}" -gt 4 ]]; then
    complete -F _okr_key_results -o nosort -o bashdefault -o default okr
else
    complete -F _okr_key_results -o bashdefault -o default okr
fi
"#,
        cases = cases.join(
            "
        "
        )
    )
}

fn fish() -> String {
    let mut script = format!(
        r#"
# Key-result paths for `okr checkin|history OWNER/OBJECTIVE/KEY_RESULT`, from the OKR directory.
function __fish_okr_wants_path
    set -l after 0
    set -l skip 0
    for token in (commandline -opc)[2..-1]
        if test $skip -eq 1
            set skip 0
        else if contains -- $token {VALUE_OPTIONS}
            set skip 1
        else if string match -q -- '-*' $token
        else if test $after -eq 1
            return 1
        else if test $token = $argv[1]
            set after 1
        else
            return 1
        end
    end
    test $after -eq 1
end
"#
    );
    for (sub, flag) in KEY_RESULT_COMMANDS {
        script.push_str(&format!(
            "complete -c okr -n \"__fish_okr_wants_path {sub}\" -f -a \"(okr __complete-keys {flag} -- (commandline -ct) 2>/dev/null)\"\n"
        ));
    }
    script
}

/// clap's zsh script with the action of each key-result path argument
/// replaced by `_okr_key_results`, with its subcommand's flag.
fn zsh(script: &str) -> String {
    let mut sub = "";
    let lines: Vec<String> = script
        .lines()
        .map(|line| {
            if let Some(name) = line.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
                sub = name;
            }
            let path_spec = line.starts_with("':") && line.contains("OWNER/OBJECTIVE/KEY_RESULT");
            let flag = KEY_RESULT_COMMANDS.iter().find(|(s, _)| *s == sub);
            match (path_spec, flag, line.strip_suffix(ZSH_DEFAULT)) {
                (true, Some((_, flag)), Some(head)) => {
                    let action = format!("_okr_key_results {flag}");
                    format!("{head}:{}' \\", action.trim_end())
                }
                _ => line.to_string(),
            }
        })
        .collect();
    let script = lines.join("\n") + "\n";
    match script.rfind("if [ \"$funcstack[1]\" = \"_okr\" ]") {
        Some(at) => format!(
            "{}{ZSH_FUNCTION}{}",
            script.get(..at).unwrap_or_default(),
            script.get(at..).unwrap_or_default()
        ),
        None => format!("{script}\n{ZSH_FUNCTION}"),
    }
}

/// Which shell a script is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Other,
}

/// `script`, clap's completion script for `shell`, with key-result paths
/// completed after `okr checkin` and `okr history`.
pub fn with_key_results(shell: Shell, script: &str) -> String {
    match shell {
        Shell::Bash => format!("{script}{}", bash()),
        Shell::Fish => format!("{script}{}", fish()),
        Shell::Zsh => zsh(script),
        Shell::Other => script.to_string(),
    }
}
