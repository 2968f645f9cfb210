# `prhost prepare`, `prhost report`, `prhost pr-body` (phases 4-5 and the
# whole workflow); the work lives in core/prepare/, core/report/, core/pr_body/.
target_sources(prhost_cli PRIVATE ${CMAKE_CURRENT_LIST_DIR}/pipeline_output.cpp ${CMAKE_CURRENT_LIST_DIR}/prepare_command.cpp
                                  ${CMAKE_CURRENT_LIST_DIR}/report_command.cpp ${CMAKE_CURRENT_LIST_DIR}/pr_body_command.cpp)
target_link_libraries(prhost_cli PRIVATE prhost_prepare prhost_report prhost_pr_body)
