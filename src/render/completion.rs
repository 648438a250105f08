//! Additions to clap's completion scripts: `okr checkin <TAB>` completes
//! key-result paths (`OWNER/OBJECTIVE/KEY_RESULT`) read from the OKR
//! directory, by calling the hidden `okr __complete-keys PREFIX`. clap's
//! scripts are static; a hidden subcommand and a few lines per shell keep
//! them so, with no unstable clap feature.

/// The zsh spec clap writes for the `checkin` path argument; its action
/// (`_default`) is replaced with [`ZSH_FUNCTION`]'s.
const ZSH_PATH_SPEC: &str =
    ":path -- The key result, as OWNER/OBJECTIVE/KEY_RESULT (e.g. devrel/api-pain/tickets):";

const ZSH_FUNCTION: &str = r#"(( $+functions[_okr_key_results] )) ||
_okr_key_results() {
    local -a keys dir
    local i=${words[(I)--dir]}
    (( i )) && dir=(--dir "${words[i+1]}")
    keys=(${(f)"$(okr $dir __complete-keys "$PREFIX" 2>/dev/null)"})
    compadd -a keys
}

"#;

const BASH: &str = r#"
# Key-result paths for `okr checkin OWNER/OBJECTIVE/KEY_RESULT`, from the OKR directory.
_okr_key_results() {
    local cur="${COMP_WORDS[COMP_CWORD]}" word sub="" args=0 i
    local -a dir=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${COMP_WORDS[i]}"
        case "$word" in
            --dir) dir=(--dir "${COMP_WORDS[i+1]}"); ((i++)) ;;
            --dir=*) dir=(--dir "${word#--dir=}") ;;
            --color|--confidence|--note|--date|--quarter) ((i++)) ;;
            -*) ;;
            *) if [[ -z "$sub" ]]; then sub="$word"; else ((args++)); fi ;;
        esac
    done
    if [[ "$sub" == checkin && $args -eq 0 && "$cur" != -* ]]; then
        local IFS=$'\n'
        COMPREPLY=($(okr "${dir[@]}" __complete-keys "$cur" 2>/dev/null))
        return 0
    fi
    _okr "$@"
}
if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _okr_key_results -o nosort -o bashdefault -o default okr
else
    complete -F _okr_key_results -o bashdefault -o default okr
fi
"#;

const FISH: &str = r#"
# Key-result paths for `okr checkin OWNER/OBJECTIVE/KEY_RESULT`, from the OKR directory.
function __fish_okr_checkin_wants_path
    set -l after 0
    set -l skip 0
    for token in (commandline -opc)[2..-1]
        if test $skip -eq 1
            set skip 0
        else if contains -- $token --dir --color --confidence --note --date --quarter
            set skip 1
        else if string match -q -- '-*' $token
        else if test $after -eq 1
            return 1
        else if test $token = checkin
            set after 1
        end
    end
    test $after -eq 1
end
complete -c okr -n "__fish_okr_checkin_wants_path" -f -a "(okr __complete-keys (commandline -ct) 2>/dev/null)"
"#;

/// Which shell a script is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Other,
}

/// `script`, clap's completion script for `shell`, with key-result paths
/// completed after `okr checkin`.
pub fn with_key_results(shell: Shell, script: &str) -> String {
    match shell {
        Shell::Bash => format!("{script}{BASH}"),
        Shell::Fish => format!("{script}{FISH}"),
        Shell::Zsh => {
            let spec = format!("'{ZSH_PATH_SPEC}_default'");
            let ours = format!("'{ZSH_PATH_SPEC}_okr_key_results'");
            let script = script.replacen(&spec, &ours, 1);
            match script.rfind("if [ \"$funcstack[1]\" = \"_okr\" ]") {
                Some(at) => format!(
                    "{}{ZSH_FUNCTION}{}",
                    script.get(..at).unwrap_or_default(),
                    script.get(at..).unwrap_or_default()
                ),
                None => format!("{script}\n{ZSH_FUNCTION}"),
            }
        }
        Shell::Other => script.to_string(),
    }
}
