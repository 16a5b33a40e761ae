# bash completion for hotrun: modes, options (read from `hotrun --help`, so new options
# complete without editing this file), game folders, and files where an option takes one.
# Plain bash (compgen): works with or without the bash-completion package.
_hotrun()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=""
    [ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()
    case $prev in
        --events | --state-in | --state-out | --save-file | --screenshot | --lib | -o | \
            --audio-out | \
            --record | --replay | verify | --trace | \
            --compdb | --config | dump)
            COMPREPLY=($(compgen -f -- "$cur"))
            return ;;
        --cache | new)
            COMPREPLY=($(compgen -d -- "$cur"))
            return ;;
        --cc)
            COMPREPLY=($(compgen -c -- "$cur"))
            return ;;
        --pkg)
            COMPREPLY=($(compgen -W "$(pkg-config --list-package-names 2>/dev/null)" -- "$cur"))
            return ;;
    esac
    if [[ $cur == -* ]]; then
        local opts
        opts=$("${COMP_WORDS[0]}" --help 2>/dev/null |
            grep -oE -- '(^|[ ,])--?[a-zA-Z][a-zA-Z-]*' | tr -d ' ,' | sort -u)
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    [ "$COMP_CWORD" -eq 1 ] && COMPREPLY=($(compgen -W "new dump verify" -- "$cur"))
    COMPREPLY+=($(compgen -d -- "$cur"))
}
complete -o filenames -F _hotrun hotrun
